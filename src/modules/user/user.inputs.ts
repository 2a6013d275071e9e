import { IsEmail, IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Role } from '../../shared/enums';

@InputType({ description: 'A new user.' })
export class CreateUserInput {
  @Field(() => String, { description: 'E-mail address (unique).' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email!: string;

  @Field(() => ID, { description: 'Uuid of the user\'s organisation.' })
  organisationId!: string;

  @Field(() => Role, { description: 'Role of the user.' })
  role!: Role;
}

@InputType({ description: 'Changes to a user; absent fields stay as they are.' })
export class UpdateUserInput {
  @Field(() => ID, { description: 'The user uuid.' })
  id!: string;

  @Field(() => Role, { nullable: true, description: 'New role.' })
  @IsOptional()
  role?: Role;

  @Field(() => Boolean, { nullable: true, description: 'Disable (true) or enable (false) the user; a disabled user cannot authenticate.' })
  @IsOptional()
  disabled?: boolean;
}
