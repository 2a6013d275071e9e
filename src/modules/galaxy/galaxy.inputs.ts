import { ArrayMaxSize, IsOptional, Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Which galaxy clusters to list. Every condition must hold (AND).' })
export class GalaxyClusterFilter {
  @Field(() => [String], { nullable: true, description: 'Cluster types (= galaxy types), e.g. threat-actor, mitre-attack-pattern.' })
  @IsOptional()
  @ArrayMaxSize(100)
  type?: string[];

  @Field(() => String, { nullable: true, description: 'Value: exact, or a pattern with `%` wildcards (e.g. `APT%`, `%bear%`).' })
  @IsOptional()
  @Length(1, 255)
  value?: string;

  @Field(() => String, { nullable: true, description: 'Galaxy name, exact (e.g. "Threat Actor").' })
  @IsOptional()
  @Length(1, 255)
  galaxyName?: string;
}
