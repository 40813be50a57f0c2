import { Migration } from '@mikro-orm/migrations';

/** A finished dojo can be saved as a POC once: the dojo remembers which (the POC may later be deleted). */
export class Migration20261202000000DojoPoc extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table dojos add column poc_id uuid references pocs(id) on delete set null`);
  }
}
