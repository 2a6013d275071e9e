import { Migration } from '@mikro-orm/migrations';
import { backfillAttributeKeys } from '../support/attribute-keys-20261126';

/** Data only: correlation keys and IP ranges of attributes stored before those columns existed. */
export class Migration20261126091999 extends Migration {
  override async up(): Promise<void> {
    await backfillAttributeKeys((sql, params) => this.execute(sql, params));
  }
}
