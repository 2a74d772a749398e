package dev.comet.air;

import dev.comet.field.Goldilocks;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * How a table set's public inputs are cut from one statement, so that a verifier can take the
 * statement as its input instead of compiling its values in: a contract deployed once for a shape
 * then verifies every statement of that shape, and a registry can trust it by address.
 *
 * <p>The statement is a sequence of {@link Field}s: the shape's own bytes ({@link Field.Fixed},
 * which a verifier requires exactly), names ({@link Field.Text}, free), opaque bytes of a fixed
 * length ({@link Field.Opaque}: a digest, a seed), runs of signed 64-bit integers within stated
 * bounds ({@link Field.Longs}) and runs of field elements ({@link Field.Elements}). Every number of
 * every run is a <em>public value</em>, numbered in order over the statement (an integer as the
 * field element {@link Goldilocks#fromSigned}): the constraints read them as {@link Expr.Public},
 * and a table's public LogUp fractions may too. The bounds are those the AIR's range arguments
 * assume of the statement (a learning rate in {@code [1, 2^16]}, say), so that a verifier that
 * takes any bytes refuses what the Java statement's constructor refuses. Each table's public
 * inputs (the bytes the transcript absorbs) are a concatenation of literal bytes and whole fields
 * ({@link Part}); a table's precommitted root may be a field, read from the statement.
 *
 * <p>{@link #check} proves the binding against the Java tables it was built with: the parts give
 * each table's public inputs byte for byte, the root fields give the roots, and every public value
 * any constraint or fraction reads is the statement's. What it cannot see is a value the AIR wrote
 * as a plain constant: one verifier per shape is sound only if every statement-dependent constant
 * is a public value, which each AIR's tests show by building two statements of one shape.
 *
 * @param statement   the statement's bytes
 * @param fields      the fields, in order, covering the statement exactly
 * @param tableInputs per table of the set, its public inputs as parts
 * @param rootFields  per table, the {@link Field.Opaque} field of 32 bytes holding its precommitted
 *                    root, or -1 when the root is the AIR's own (a constant of the verifier) or it reads none
 * @param commitment  the preimage of the statement's published commitment, SHA-256 of these parts
 *                    (a dataset's digest over its root, shape and names); empty when the commitment
 *                    is the first root read
 */
public record StatementBinding(byte[] statement, List<Field> fields, List<List<Part>> tableInputs, int[] rootFields,
                               List<Part> commitment) {

    /** A binding whose commitment is the first root it reads. */
    public StatementBinding(byte[] statement, List<Field> fields, List<List<Part>> tableInputs, int[] rootFields) {
        this(statement, fields, tableInputs, rootFields, List.of());
    }

    /** A field of the statement. */
    public sealed interface Field {
        /** Bytes fixed by the shape: a verifier requires exactly these. */
        record Fixed(byte[] bytes) implements Field {
            public Fixed {
                bytes = bytes.clone();
            }

            @Override
            public byte[] bytes() {
                return bytes.clone();
            }
        }

        /** A 2-byte big-endian length, then that many bytes ({@code DataOutputStream.writeUTF}): a name. */
        record Text() implements Field {}

        /** {@code length} bytes taken as given: a digest, a seed. */
        record Opaque(int length) implements Field {}

        /** {@code count} signed 64-bit big-endian integers in {@code [min, max]}, each a public value. */
        record Longs(int count, long min, long max) implements Field {
            public Longs {
                if (count < 0 || min > max) {
                    throw new IllegalArgumentException("a run of " + count + " integers in [" + min + ", " + max + "]");
                }
            }
        }

        /** {@code count} 64-bit big-endian field elements (each below p), each a public value. */
        record Elements(int count) implements Field {}
    }

    /** A piece of a table's public inputs. */
    public sealed interface Part {
        /** Bytes of the shape. */
        record Literal(byte[] bytes) implements Part {
            public Literal {
                bytes = bytes.clone();
            }

            @Override
            public byte[] bytes() {
                return bytes.clone();
            }
        }

        /** Field {@code field} of the statement, whole. */
        record FieldRef(int field) implements Part {}
    }

    public StatementBinding {
        statement = statement.clone();
        fields = List.copyOf(fields);
        tableInputs = tableInputs.stream().map(List::copyOf).toList();
        rootFields = rootFields.clone();
        commitment = List.copyOf(commitment);
        if (commitment.isEmpty() && Arrays.stream(rootFields).allMatch(f -> f < 0)) {
            throw new IllegalArgumentException("a binding names a commitment: a digest's parts or a root");
        }
        if (rootFields.length != tableInputs.size()) {
            throw new IllegalArgumentException("one root field per table: " + rootFields.length + " for "
                    + tableInputs.size() + " tables");
        }
        for (List<Part> parts : java.util.stream.Stream.concat(tableInputs.stream(), Stream.of(commitment)).toList()) {
            for (Part p : parts) {
                if (p instanceof Part.FieldRef(int f) && (f < 0 || f >= fields.size())) {
                    throw new IllegalArgumentException("no field " + f);
                }
            }
        }
        for (int f : rootFields) {
            if (f >= fields.size() || f >= 0 && !(fields.get(f) instanceof Field.Opaque(int length) && length == 32)) {
                throw new IllegalArgumentException("field " + f + " is not a 32-byte root");
            }
        }
        parse(statement, fields); // the statement must be what its fields say
    }

    @Override
    public byte[] statement() {
        return statement.clone();
    }

    @Override
    public int[] rootFields() {
        return rootFields.clone();
    }

    /** The number of public values: every number of every {@link Field.Longs} and {@link Field.Elements}. */
    public int numValues() {
        return fields.stream().mapToInt(StatementBinding::values).sum();
    }

    /** The public values a field holds. */
    static int values(Field f) {
        return switch (f) {
            case Field.Longs l -> l.count();
            case Field.Elements(int count) -> count;
            default -> 0;
        };
    }

    /** The index of the first public value of field {@code field}, a {@link Field.Longs}. */
    public int firstValue(int field) {
        return firstValue(fields, field);
    }

    /** The index of the first public value of {@code fields}' field {@code field}, a {@link Field.Longs}. */
    public static int firstValue(List<Field> fields, int field) {
        if (!(fields.get(field) instanceof Field.Longs || fields.get(field) instanceof Field.Elements)) {
            throw new IllegalArgumentException("field " + field + " holds no public values");
        }
        int index = 0;
        for (int f = 0; f < field; f++) {
            index += values(fields.get(f));
        }
        return index;
    }

    /** A statement read by its fields: where each field starts and how long it is, and the public values. */
    public record Parsed(int[] starts, int[] lengths, long[] values) {}

    /**
     * {@code statement} cut by {@code fields}, as a verifier of the shape reads it.
     *
     * @throws IllegalArgumentException naming the first field it does not fit
     */
    public static Parsed parse(byte[] statement, List<Field> fields) {
        int[] starts = new int[fields.size()];
        int[] lengths = new int[fields.size()];
        List<Long> values = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(statement);
        for (int f = 0; f < fields.size(); f++) {
            starts[f] = in.position();
            int length = switch (fields.get(f)) {
                case Field.Fixed(byte[] bytes) -> bytes.length;
                case Field.Text t -> in.remaining() < 2 ? -1 : 2 + Short.toUnsignedInt(in.getShort(in.position()));
                case Field.Opaque(int n) -> n;
                case Field.Longs l -> 8 * l.count();
                case Field.Elements(int count) -> 8 * count;
            };
            if (length < 0 || length > in.remaining()) {
                throw new IllegalArgumentException("the statement ends inside field " + f);
            }
            if (fields.get(f) instanceof Field.Fixed(byte[] bytes)
                    && !Arrays.equals(statement, starts[f], starts[f] + length, bytes, 0, length)) {
                throw new IllegalArgumentException("field " + f + " is not the shape's");
            }
            if (fields.get(f) instanceof Field.Longs(int count, long min, long max)) {
                for (int k = 0; k < count; k++) {
                    long v = in.getLong(starts[f] + 8 * k);
                    if (v < min || v > max) {
                        throw new IllegalArgumentException("value " + k + " of field " + f + " is " + v + ", outside ["
                                + min + ", " + max + "]");
                    }
                    values.add(Goldilocks.fromSigned(v));
                }
            }
            if (fields.get(f) instanceof Field.Elements(int count)) {
                for (int k = 0; k < count; k++) {
                    long v = in.getLong(starts[f] + 8 * k);
                    if (Long.compareUnsigned(v, Goldilocks.P) >= 0) {
                        throw new IllegalArgumentException("value " + k + " of field " + f + " is not below p");
                    }
                    values.add(v);
                }
            }
            lengths[f] = length;
            in.position(starts[f] + length);
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("the statement has " + in.remaining() + " bytes after its last field");
        }
        return new Parsed(starts, lengths, values.stream().mapToLong(Long::longValue).toArray());
    }

    /** Table {@code table}'s public inputs, assembled from {@code statement} as a verifier does. */
    public byte[] tableInputs(byte[] statement, int table) {
        return assemble(statement, tableInputs.get(table));
    }

    /** The commitment {@code statement} names, as a verifier of the shape computes it. */
    public byte[] commitment(byte[] statement) {
        if (commitment.isEmpty()) {
            int first = Arrays.stream(rootFields).filter(f -> f >= 0).findFirst().orElseThrow();
            Parsed parsed = parse(statement, fields);
            return Arrays.copyOfRange(statement, parsed.starts()[first], parsed.starts()[first] + 32);
        }
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(assemble(statement, commitment));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] assemble(byte[] statement, List<Part> parts) {
        Parsed parsed = parse(statement, fields);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (Part p : parts) {
            switch (p) {
                case Part.Literal(byte[] b) -> bytes.writeBytes(b);
                case Part.FieldRef(int f) -> bytes.write(statement, parsed.starts()[f], parsed.lengths()[f]);
            }
        }
        return bytes.toByteArray();
    }

    /**
     * That this binding reads {@code set} from its statement: each table's public inputs and
     * precommitted root, and every public value its constraints and public fractions read.
     *
     * @throws IllegalArgumentException naming the first table and value that differ
     */
    public void check(TableSet set) {
        if (set.size() != tableInputs.size()) {
            throw new IllegalArgumentException("the binding covers " + tableInputs.size() + " tables, the set has "
                    + set.size());
        }
        Parsed parsed = parse(statement, fields);
        for (int i = 0; i < set.size(); i++) {
            Air air = set.table(i);
            if (!Arrays.equals(tableInputs(statement, i), air.publicInputs())) {
                throw new IllegalArgumentException(air.name() + ": the statement's parts are not its public inputs");
            }
            int root = rootFields[i];
            if (root >= 0 && !(air.traceInfo().hasPrecommitted() && Arrays.equals(air.precommittedRoot(),
                    Arrays.copyOfRange(statement, parsed.starts()[root], parsed.starts()[root] + 32)))) {
                throw new IllegalArgumentException(air.name() + ": its precommitted root is not the statement's");
            }
            ConstraintProgram program = ConstraintProgram.compile(air.constraints());
            for (int r = 0; r < program.size(); r++) {
                if (program.op(r) == ConstraintProgram.Op.PUBLIC) {
                    requireValue(air, parsed.values(), program.publicIndex(r), program.constant(r));
                }
            }
            for (PublicFractions f : air.publicFractions()) {
                List<long[]> tuples = f.tuples();
                List<int[]> indices = f.publicIndices();
                for (int k = 0; k < tuples.size(); k++) {
                    for (int c = 0; c < tuples.get(k).length; c++) {
                        if (indices.get(k)[c] >= 0) {
                            requireValue(air, parsed.values(), indices.get(k)[c], tuples.get(k)[c]);
                        }
                    }
                }
            }
        }
    }

    private static void requireValue(Air air, long[] values, int index, long value) {
        if (index >= values.length || values[index] != value) {
            throw new IllegalArgumentException(air.name() + " reads public value " + index + " as "
                    + Long.toUnsignedString(value) + ", the statement holds "
                    + (index >= values.length ? "no such value" : Long.toUnsignedString(values[index])));
        }
    }

    /**
     * Writes a statement and its fields at once, so that the two cannot drift: each method appends
     * its bytes and the field that reads them.
     */
    public static final class Writer {
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private final List<Field> fields = new ArrayList<>();

        /** The number of fields so far: the index the next non-fixed field will have. */
        public int fieldCount() {
            return fields.size();
        }

        /** Shape bytes. Consecutive fixed writes merge into one field. */
        public Writer fixed(byte[] b) {
            bytes.writeBytes(b);
            if (!fields.isEmpty() && fields.get(fields.size() - 1) instanceof Field.Fixed(byte[] last)) {
                byte[] merged = Arrays.copyOf(last, last.length + b.length);
                System.arraycopy(b, 0, merged, last.length, b.length);
                fields.set(fields.size() - 1, new Field.Fixed(merged));
            } else {
                fields.add(new Field.Fixed(b));
            }
            return this;
        }

        public Writer fixedInt(int v) {
            return fixed(ByteBuffer.allocate(4).putInt(v).array());
        }

        public Writer fixedByte(int v) {
            return fixed(new byte[] {(byte) v});
        }

        /** A name fixed by the shape, as {@code writeUTF}. */
        public Writer fixedText(String text) {
            return fixed(utf(text));
        }

        /** A free name, as {@code writeUTF}. */
        public Writer text(String text) {
            bytes.writeBytes(utf(text));
            fields.add(new Field.Text());
            return this;
        }

        /** Free bytes of a length fixed by the shape; returns the field's index. */
        public int opaque(byte[] b) {
            bytes.writeBytes(b);
            fields.add(new Field.Opaque(b.length));
            return fields.size() - 1;
        }

        /** Signed integers in {@code [min, max]}, each a public value; returns the field's index. */
        public int longs(long[] v, long min, long max) {
            for (long x : v) {
                if (x < min || x > max) {
                    throw new IllegalArgumentException(x + " is outside the field's [" + min + ", " + max + "]");
                }
            }
            return numbers(v, new Field.Longs(v.length, min, max));
        }

        /** Field elements (each below p), each a public value; returns the field's index. */
        public int elements(long[] v) {
            for (long x : v) {
                if (Long.compareUnsigned(x, Goldilocks.P) >= 0) {
                    throw new IllegalArgumentException(Long.toUnsignedString(x) + " is not a field element");
                }
            }
            return numbers(v, new Field.Elements(v.length));
        }

        private int numbers(long[] v, Field field) {
            ByteBuffer b = ByteBuffer.allocate(8 * v.length);
            for (long x : v) {
                b.putLong(x);
            }
            bytes.writeBytes(b.array());
            fields.add(field);
            return fields.size() - 1;
        }

        public byte[] bytes() {
            return bytes.toByteArray();
        }

        public List<Field> fields() {
            return List.copyOf(fields);
        }

        private static byte[] utf(String text) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (java.io.DataOutputStream d = new java.io.DataOutputStream(out)) {
                d.writeUTF(text);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }
}
