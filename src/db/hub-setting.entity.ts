import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Key/value facts about this hub that must survive restarts (its uuid, the host organisation). */
@Entity({ tableName: 'hub_settings' })
export class HubSetting {
  @PrimaryKey({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'text' })
  value!: string;
}
