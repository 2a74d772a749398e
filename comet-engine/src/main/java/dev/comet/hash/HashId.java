package dev.comet.hash;

/** The hash functions a proof can name; the code is what a proof file stores. */
public enum HashId {
    BLAKE3(1),
    SHA256(2);

    private final int code;

    HashId(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static HashId fromCode(int code) {
        for (HashId id : values()) {
            if (id.code == code) {
                return id;
            }
        }
        throw new IllegalArgumentException("unknown hash function code " + code);
    }
}
