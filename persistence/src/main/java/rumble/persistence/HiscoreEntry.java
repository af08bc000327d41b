package rumble.persistence;

/** One hiscore row. {@code rank} is a competition rank: tied scores share it (1, 2, 2, 4). */
public record HiscoreEntry(long rank, String name, long score) {}
