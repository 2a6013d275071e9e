import { getMetadataStorage, IS_OPTIONAL, validateOrReject, ValidationError, ValidationTypes, ValidatorOptions } from 'class-validator';
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
  const checked = checkedProperties();
  return async (argValue, _type, { args, info }) => {
    if (!walked.has(args)) {
      walked.add(args);
      const extensions = info.parentType.getFields()[info.fieldName]?.extensions as Record<string, unknown> | undefined;
      if (!extensions?.textCheckedByService) refuseControlCharacters(args, '');
    }
    if (argValue === null || typeof argValue !== 'object') return;
    try {
      if (Array.isArray(argValue)) {
        // A list argument (addAttributes: up to thousands of inputs): only the objects a rule can fail on.
        await Promise.all(argValue.filter((v) => v !== null && typeof v === 'object' && checked.needed(v)).map((v) => validateOrReject(v, CLASS_VALIDATOR_OPTIONS)));
      } else {
        await validateOrReject(argValue, CLASS_VALIDATOR_OPTIONS);
      }
    } catch (err) {
      throw new ArgumentValidationError(err as ValidationError[]);
    }
  };
}

/**
 * Which input objects class-validator needs to see, under CLASS_VALIDATOR_OPTIONS. With
 * skipMissingProperties a rule of a property that is null or undefined is not run (class-validator's
 * ValidationExecutor.performValidations returns before it), except @IsDefined (runs on missing values)
 * and a @ValidateIf condition (called first; @IsOptional's is a plain null check, so it is left out
 * here): an object of a class without those, whose checked properties are all null/undefined, cannot
 * fail, and validateOrReject would only spend time finding that out (the lookup of the class's rules
 * alone walks every validated class). Per class, the checked properties are read once from
 * class-validator's own metadata, as its executor reads them (no groups, not `always`).
 */
function checkedProperties() {
  const byClass = new Map<Function, readonly string[] | null>();
  const propertiesOf = (ctor: Function): readonly string[] | null => {
    let props = byClass.get(ctor);
    if (props === undefined) {
      const rules = getMetadataStorage().getTargetValidationMetadatas(ctor, undefined as unknown as string, false, false, undefined);
      const unskippable = rules.some(
        (r) => r.type === ValidationTypes.IS_DEFINED || (r.type === ValidationTypes.CONDITIONAL_VALIDATION && r.name !== IS_OPTIONAL),
      );
      props = unskippable ? null : [...new Set(rules.map((r) => r.propertyName))];
      byClass.set(ctor, props);
    }
    return props;
  };
  return {
    /** False when no rule of the object's class can fail on it (see above). */
    needed(value: object): boolean {
      const props = propertiesOf(value.constructor);
      return props === null || props.some((p) => (value as Record<string, unknown>)[p] != null);
    },
  };
}
