import type { z } from 'zod';

/*
 * Zod's default messages ("expected string, received undefined") are written
 * for developers; editors see these instead, next to the field they concern.
 * Messages a schema sets itself take precedence over this map.
 */

type Issue = Parameters<z.core.$ZodErrorMap>[0];

const KIND_NAMES: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object with fields',
};

/** A message in plain words for one validation problem; the field is named by the problem's path. */
export function plainMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${KIND_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters long`;
      if (issue.origin === 'array') return `must list at least ${issue.minimum}`;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters long`;
      if (issue.origin === 'array') return `must list at most ${issue.maximum}`;
      return `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' ? 'has characters that are not allowed here' : `is not a valid ${issue.format}`;
    case 'invalid_union':
      return 'does not have one of the allowed forms';
    default:
      return undefined;
  }
}
