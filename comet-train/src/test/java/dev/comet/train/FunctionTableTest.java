package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.comet.air.PeriodicColumn;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionTableTest {
    /** SHA-256 of the columns, column after column, each value 8 bytes little-endian: what the content tests pin. */
    static String digest(long[][] columns) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            for (long[] column : columns) {
                for (long v : column) {
                    md.update(b.clear().putLong(v).array());
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theFixedTableIsTheIndexAndTheValuesAsPeriodicColumnsOfItsHeight() {
        long[] values = {5, 4, 3, 2, 1, 0, 9, 8};
        FunctionTable f = new FunctionTable("t", values);
        List<PeriodicColumn> columns = f.table(0, 1).periodicColumns();
        assertEquals(2, columns.size());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7}, columns.get(0).values());
        assertArrayEquals(values, columns.get(1).values());
        assertEquals(3, f.table(0, 1).traceInfo().logLength());
        assertThrows(IllegalArgumentException.class, () -> new FunctionTable("t", new long[6]));
    }
}
