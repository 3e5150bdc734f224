// Typed domain errors. Stores and services throw these; server/api/trpc.ts maps them to tRPC
// codes in one place.

export class DomainError extends Error {}

export class NotFound extends DomainError {
  constructor(what: string) {
    super(`${what} not found`);
  }
}

export class Conflict extends DomainError {}

export class Forbidden extends DomainError {
  constructor(message = 'You do not have permission to do that') {
    super(message);
  }
}

export class Unauthorized extends DomainError {
  constructor(message = 'Please log in') {
    super(message);
  }
}

export class TooManyRequests extends DomainError {}

/** Bad input that schemas could not catch (for example a rule that depends on stored data). */
export class Invalid extends DomainError {
  constructor(
    readonly path: (string | number)[],
    readonly reason: string,
  ) {
    super(`${path.join('.')}: ${reason}`);
  }
}
