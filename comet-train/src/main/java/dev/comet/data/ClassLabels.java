package dev.comet.data;

import java.math.BigInteger;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The classes of a class target, in the order that gives each its index {@code 0..K-1}: the
 * mapping a classifier's statement names (docs/TRAINING.md, "Class targets").
 *
 * <p>The order is deterministic and depends on the set of labels alone, never on the order of
 * rows: when every label is an integer ({@code [+-]?[0-9]+}) the classes are the distinct integer
 * values in increasing numeric order, each written in its canonical form ({@code "07"} and
 * {@code "7"} are class {@code 7}); otherwise they are the distinct labels, surrounding
 * whitespace removed and in Unicode normalisation form NFC (so that one word typed two ways is
 * one class), in increasing order of their code points (which is also the order of their UTF-8
 * bytes). Decimal labels such as {@code 1.0} are text: {@code "10.0"} sorts before
 * {@code "9.0"}. {@link #NONE} is the empty mapping of a numeric target.
 *
 * @param labels the classes in index order: distinct, non-empty, already in the order above
 */
public record ClassLabels(List<String> labels) {
    /** The mapping of a numeric target: no classes. */
    public static final ClassLabels NONE = new ClassLabels(List.of());
    /** Most classes a classifier supports. */
    public static final int MAX_CLASSES = 16;
    /** Longest label, in UTF-16 units: labels are names, and each is bound into every transcript. */
    public static final int MAX_LABEL_LENGTH = 200;

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    public ClassLabels {
        labels = List.copyOf(labels);
        if (labels.size() > MAX_CLASSES) {
            throw new IllegalArgumentException(labels.size() + " classes; at most " + MAX_CLASSES + " are supported");
        }
        for (String label : labels) {
            boolean blank = label.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
            if (blank || !label.equals(canonical(label)) || label.length() > MAX_LABEL_LENGTH) {
                throw new IllegalArgumentException("class label " + DataException.quote(label)
                        + " must be visible, without surrounding whitespace, in NFC, at most " + MAX_LABEL_LENGTH + " characters");
            }
        }
        if (!labels.equals(ordered(labels))) {
            throw new IllegalArgumentException("class labels " + labels + " are not distinct and in the documented order "
                    + ordered(labels));
        }
    }

    /**
     * The classes of {@code values} (labels as written, in any order, repeated or not).
     *
     * @throws IllegalArgumentException for an empty label, or more than {@link #MAX_CLASSES} classes
     */
    public static ClassLabels of(Collection<String> values) {
        return new ClassLabels(ordered(values));
    }

    private static List<String> ordered(Collection<String> values) {
        boolean integers = !values.isEmpty() && values.stream().allMatch(v -> INTEGER.matcher(v.strip()).matches());
        if (integers) {
            TreeSet<BigInteger> distinct = new TreeSet<>();
            values.forEach(v -> distinct.add(new BigInteger(v.strip())));
            return distinct.stream().map(BigInteger::toString).toList();
        }
        TreeSet<String> distinct = new TreeSet<>(CODE_POINT_ORDER);
        values.forEach(v -> distinct.add(canonical(v)));
        return new ArrayList<>(distinct);
    }

    /** A label as the classes hold it: stripped and in NFC (integers are compared by value besides). */
    static String canonical(String text) {
        return Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
    }

    public int count() {
        return labels.size();
    }

    public boolean isEmpty() {
        return labels.isEmpty();
    }

    public String label(int index) {
        return labels.get(index);
    }

    /** The index of {@code value} as written in a data file, if it is one of the classes. */
    public Optional<Integer> indexOf(String value) {
        Objects.requireNonNull(value, "value");
        String key = canonical(value);
        if (isNumeric() && INTEGER.matcher(key).matches()) {
            key = new BigInteger(key).toString();
        }
        int k = labels.indexOf(key);
        return k < 0 ? Optional.empty() : Optional.of(k);
    }

    /** Whether the classes are integers (and so a data file's labels are compared as numbers). */
    public boolean isNumeric() {
        return !labels.isEmpty() && labels.stream().allMatch(v -> INTEGER.matcher(v).matches());
    }
}
