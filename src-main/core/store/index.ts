export { openDatabase, MIGRATIONS, type SqliteDatabase } from './database';
export { migrate, currentSchemaVersion, type Migration } from './migration';
