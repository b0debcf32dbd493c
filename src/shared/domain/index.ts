/**
 * The domain as every side sees it: the lifecycle model, roles, and the shapes of the records the
 * API returns. Schemas are the source of truth; the types are inferred from them.
 */

export * from './basics';
export * from './team';
export * from './pipeline';
export * from './people';
export * from './activity';
export * from './presence';
export * from './campaigns';
