package rumble.persistence;

/** One numbered schema change: {@code V007__what_it_does.sql} has version 7. */
record Migration(int version, String fileName, String sql) {}
