package dev.comet.cli;

/**
 * Keeps a message that quotes the user's input (a label, a field of a model file) on one line:
 * control characters are written as escapes ({@code \n}, {@code \r}, {@code \t},
 * {@code \u001b}), so one error stays one line whatever the input held.
 */
final class OneLine {
    private OneLine() {}

    static String of(String message) {
        if (message == null || message.chars().noneMatch(Character::isISOControl)) {
            return message;
        }
        StringBuilder sb = new StringBuilder(message.length() + 8);
        message.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        sb.append(String.format("\\u%04x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.toString();
    }
}
