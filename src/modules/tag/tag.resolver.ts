import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Scope } from '../../graphql/scope';
import { Tag } from './tag.entity';
import { CreateTagInput } from './tag.inputs';
import * as tags from './tag.service';

@Resolver(() => Tag)
export class TagResolver {
  @Authorized()
  @Query(() => [Tag], { description: 'Tags in use on data the caller may see (site admin: every tag).' })
  tags(@Ctx() scope: Scope) {
    return tags.listTags(scope);
  }

  @Authorized('tag:write')
  @Mutation(() => Tag, { description: 'Creates a tag.' })
  createTag(@Arg('input', () => CreateTagInput, { description: 'The new tag.' }) input: CreateTagInput, @Ctx() scope: Scope) {
    return tags.createTag(scope, input);
  }
}
