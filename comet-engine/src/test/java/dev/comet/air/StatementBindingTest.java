package dev.comet.air;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.field.Goldilocks;
import dev.comet.field.QuadraticExtension;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A statement written through its fields reads back as written, and nothing else reads as it. */
class StatementBindingTest {
    /** A shape: a fixed header, a name, a 32-byte root, two integers in [-10, 10], a fixed byte, a field element. */
    private static StatementBinding.Writer statement(String name, long a, long b, long e) {
        StatementBinding.Writer w = new StatementBinding.Writer();
        w.fixedText("shape/v1").fixedInt(7);
        w.text(name);
        w.opaque(new byte[32]);
        w.longs(new long[] {a, b}, -10, 10);
        w.fixedByte(1);
        w.elements(new long[] {e});
        return w;
    }

    @Test
    void aStatementReadsBackItsValuesAndFields() {
        StatementBinding.Writer w = statement("x", -3, 10, Goldilocks.P - 1);
        StatementBinding.Parsed p = StatementBinding.parse(w.bytes(), w.fields());
        assertArrayEquals(new long[] {Goldilocks.fromSigned(-3), 10, Goldilocks.P - 1}, p.values());
        assertEquals(6, w.fields().size(), "consecutive fixed bytes are one field: " + w.fields());
        assertEquals(2 + 8 + 4, p.starts()[1], "the name after the merged header");
        assertEquals(3, p.lengths()[1]);
        // another statement of the shape: other name, other values
        byte[] other = statement("a longer name", 4, -10, 0).bytes();
        assertArrayEquals(new long[] {4, Goldilocks.fromSigned(-10), 0}, StatementBinding.parse(other, w.fields()).values());
    }

    @Test
    void anythingElseIsRefused() {
        StatementBinding.Writer w = statement("x", 1, 2, 3);
        List<StatementBinding.Field> fields = w.fields();
        byte[] s = w.bytes();
        assertThrows(IllegalArgumentException.class, () -> StatementBinding.parse(Arrays.copyOf(s, s.length - 1), fields));
        assertThrows(IllegalArgumentException.class, () -> StatementBinding.parse(Arrays.copyOf(s, s.length + 1), fields));
        byte[] header = s.clone();
        header[3] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> StatementBinding.parse(header, fields), "the shape's bytes");
        byte[] flag = s.clone();
        flag[s.length - 9] = 2;
        assertThrows(IllegalArgumentException.class, () -> StatementBinding.parse(flag, fields), "a fixed byte late on");
        byte[] longName = s.clone();
        longName[15] = 9; // the name's length (bytes 14 and 15): it now runs into the root and everything shifts
        assertThrows(IllegalArgumentException.class, () -> StatementBinding.parse(longName, fields));
        assertThrows(IllegalArgumentException.class, () -> StatementBinding.parse(statement("x", 11, 0, 0).bytes(), fields),
                "above the bound");
        assertThrows(IllegalArgumentException.class, () -> StatementBinding.parse(statement("x", 0, -11, 0).bytes(), fields),
                "below the bound");
        byte[] element = s.clone();
        Arrays.fill(element, s.length - 8, s.length, (byte) 0xff);
        assertThrows(IllegalArgumentException.class, () -> StatementBinding.parse(element, fields), "not below p");
        assertThrows(IllegalArgumentException.class, () -> new StatementBinding.Writer().longs(new long[] {11}, 0, 10),
                "the writer holds its values to the bounds it states");
    }

    /** A one-table AIR whose constraint and public fraction read the statement's values. */
    private static Air reader(byte[] inputs, long first, long fraction) {
        return new Air() {
            @Override
            public String name() {
                return "reader";
            }

            @Override
            public TraceInfo traceInfo() {
                return new TraceInfo(3, 1, 0, 0);
            }

            @Override
            public List<Constraint> constraints() {
                return List.of(Constraint.assertion("first", 0, 0, new Expr.Public(0, first)));
            }

            @Override
            public List<PublicFractions> publicFractions() {
                return List.of(new PublicFractions(0, 1, 1, List.<long[]>of(new long[] {5, fraction}),
                        List.<int[]>of(new int[] {-1, 2})));
            }

            @Override
            public byte[] publicInputs() {
                return inputs;
            }
        };
    }

    @Test
    void aBindingIsCheckedAgainstItsTables() throws Exception {
        StatementBinding.Writer w = statement("x", -3, 10, 42);
        byte[] s = w.bytes();
        List<List<StatementBinding.Part>> whole = List.of(List.of(new StatementBinding.Part.FieldRef(0),
                new StatementBinding.Part.FieldRef(1), new StatementBinding.Part.FieldRef(2),
                new StatementBinding.Part.FieldRef(3), new StatementBinding.Part.FieldRef(4),
                new StatementBinding.Part.FieldRef(5)));
        assertThrows(IllegalArgumentException.class, () -> new StatementBinding(s, w.fields(), whole, new int[] {-1}),
                "a binding names a commitment");
        StatementBinding binding = new StatementBinding(s, w.fields(), whole, new int[] {-1},
                List.of(new StatementBinding.Part.Literal(new byte[] {7}), new StatementBinding.Part.FieldRef(2)));
        assertEquals(3, binding.numValues());
        assertEquals(2, binding.firstValue(5));
        binding.check(TableSet.of(reader(s, Goldilocks.fromSigned(-3), 42)));
        assertThrows(IllegalArgumentException.class, () -> binding.check(TableSet.of(reader(s, 3, 42))),
                "a constraint reading a value the statement does not hold");
        assertThrows(IllegalArgumentException.class, () -> binding.check(TableSet.of(reader(s, Goldilocks.fromSigned(-3), 41))),
                "a fraction reading a value the statement does not hold");
        byte[] other = s.clone();
        other[0] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> binding.check(TableSet.of(reader(other, Goldilocks.fromSigned(-3),
                42))), "public inputs the parts do not make");
        assertThrows(IllegalArgumentException.class, () -> new StatementBinding(s, w.fields(), whole, new int[] {1}),
                "a root that is not a 32-byte field");
        assertTrue(Arrays.equals(s, binding.tableInputs(s, 0)));
        byte[] preimage = new byte[33];
        preimage[0] = 7; // then the root field's 32 zero bytes
        assertArrayEquals(java.security.MessageDigest.getInstance("SHA-256").digest(preimage), binding.commitment(s));
    }

    @Test
    void aPublicValueIsItsStatementsConstantToJavaAndReplaceableAtThePoint() {
        ConstraintProgram p = ConstraintProgram.compile(List.of(Constraint.everyRow("c",
                Expr.main(0).minus(new Expr.Public(1, 9)))));
        int pub = -1;
        for (int i = 0; i < p.size(); i++) {
            if (p.op(i) == ConstraintProgram.Op.PUBLIC) {
                pub = i;
            }
        }
        assertEquals(1, p.publicIndex(pub));
        assertEquals(9, p.constant(pub));
        QuadraticExtension ext = QuadraticExtension.INSTANCE;
        long[][][] main = {{{20, 0}}};
        long[][] own = p.evaluateAt(ext, main, new long[1][0][], new long[0][], new long[0][], List.of(), null);
        long[][] other = p.evaluateAt(ext, main, new long[1][0][], new long[0][], new long[0][], List.of(), null,
                new long[] {0, 5});
        assertArrayEquals(new long[] {11, 0}, own[0]);
        assertArrayEquals(new long[] {15, 0}, other[0]);
        assertThrows(IllegalArgumentException.class, () -> new Expr.Public(0, Goldilocks.P));
    }
}
