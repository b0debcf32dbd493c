import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/contract/errors';
import { checkWorkspaceForm, formFailure, serverAddress } from './workspaceForm';

describe('the sync server form', () => {
  it('reads an address typed without a scheme as https', () => {
    expect(serverAddress(' sync.northwind.example ')).toBe('https://sync.northwind.example');
    expect(serverAddress('localhost:8787')).toBe('https://localhost:8787');
    expect(serverAddress('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787/');
    expect(serverAddress('HTTPS://Sync.example.com')).toBe('HTTPS://Sync.example.com');
    expect(serverAddress('   ')).toBe('');
  });

  it('names both empty fields at once, in the contract’s words', () => {
    expect(checkWorkspaceForm('sync.connectServer', { url: '', token: ' ' })).toEqual({
      url: 'the server’s address, e.g. https://sync.example.com',
      token: 'paste the access token',
    });
    expect(
      checkWorkspaceForm('sync.connectServer', {
        url: serverAddress('sync.northwind.example'),
        token: 'ck_123',
      }),
    ).toEqual({});
  });

  it('puts the core’s refusal on the field it names, anything else over the form', () => {
    const token = new ApiError(
      'invalid_input',
      'sync.connectServer: token: The sync server refused this device’s access token',
      'token',
    );
    expect(formFailure(token)).toEqual({
      fields: { token: 'The sync server refused this device’s access token' },
    });
    expect(formFailure(new ApiError('invalid_input', 'cannot be reached', 'url'))).toEqual({
      fields: { url: 'cannot be reached' },
    });
    expect(formFailure(new Error('disk full'))).toEqual({ fields: {}, form: 'disk full' });
  });
});
