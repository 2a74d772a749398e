package dev.comet.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian encoding of 64- and 32-bit words into byte arrays, without allocation. */
final class LittleEndian {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private LittleEndian() {}

    static void putLong(byte[] b, int off, long v) {
        LONG.set(b, off, v);
    }

    static long getLong(byte[] b, int off) {
        return (long) LONG.get(b, off);
    }

    static void putInt(byte[] b, int off, int v) {
        INT.set(b, off, v);
    }

    /** The first eight bytes read big-endian, so that its leading zeros are the byte string's. */
    static long getLongBigEndian(byte[] b, int off) {
        return (long) LONG_BE.get(b, off);
    }

    /** Writes {@code values[0..count)} as 8-byte little-endian words starting at {@code b[off]}. */
    static void putLongs(long[] values, int from, int count, byte[] b, int off) {
        for (int i = 0; i < count; i++) {
            LONG.set(b, off + 8 * i, values[from + i]);
        }
    }
}
