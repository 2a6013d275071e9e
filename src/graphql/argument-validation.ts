import { validateOrReject, ValidationError, ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, ValidatorFn } from 'type-graphql';
import { refuseControlCharacters } from '../shared/control-characters';

/** type-graphql's own defaults for class-validator (what `validate: { forbidUnknownValues: false }` did). */
const CLASS_VALIDATOR_OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true };

/**
 * The checks an input object gets as a resolver argument (control characters, then its class-validator
 * rules), for callers other than GraphQL — the CLI builds the same input classes and validates them here,
 * so there is one copy of the rules. Throws ArgumentValidationError (class-validator) or BAD_USER_INPUT.
 */
export async function validateInputObject(value: object): Promise<void> {
  refuseControlCharacters(value, '');
  try {
    await validateOrReject(value, CLASS_VALIDATOR_OPTIONS);
  } catch (err) {
    throw new ArgumentValidationError(err as ValidationError[]);
  }
}

/**
 * The validation step of every resolver argument (queries, mutations, subscriptions, field arguments):
 * 1. control characters in any text of any argument are BAD_USER_INPUT naming the field (checked once
 *    per field call, on the raw arguments, before anything runs) — by construction, not field by field;
 * 2. the class-validator rules of the input classes, exactly as type-graphql applies them by default.
 * It only runs for fields that take arguments, so plain fields stay synchronous.
 */
export function argumentValidator(): ValidatorFn {
  // One `args` object per field call: its arguments are walked once however many parameters it has.
  const walked = new WeakSet<object>();
  return async (argValue, _type, { args, info }) => {
    if (!walked.has(args)) {
      walked.add(args);
      const extensions = info.parentType.getFields()[info.fieldName]?.extensions as Record<string, unknown> | undefined;
      if (!extensions?.textCheckedByService) refuseControlCharacters(args, '');
    }
    if (argValue === null || typeof argValue !== 'object') return;
    try {
      if (Array.isArray(argValue)) {
        await Promise.all(argValue.filter((v) => v !== null && typeof v === 'object').map((v) => validateOrReject(v, CLASS_VALIDATOR_OPTIONS)));
      } else {
        await validateOrReject(argValue, CLASS_VALIDATOR_OPTIONS);
      }
    } catch (err) {
      throw new ArgumentValidationError(err as ValidationError[]);
    }
  };
}
