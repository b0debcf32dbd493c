import type { MethodName, MethodOutput, ParsedInput } from '../shared/contract';

/** A contract method's implementation: gets validated input, returns the contract's output. */
export type Handler<M extends MethodName> = (
  input: ParsedInput<M>,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };
