package dev.comet.cli;

import dev.comet.train.Network;
import java.util.ArrayList;
import java.util.List;

/** {@code --hidden 32,16}: hidden-layer widths, input side first. */
final class HiddenLayers {
    private HiddenLayers() {}

    /**
     * The widths {@code value} lists, within {@link Network}'s limits (checked by {@code Network}
     * itself, so that the rule lives in one place); anything else is a one-line {@link UserError}
     * naming the option.
     */
    static List<Integer> parse(String value) {
        List<Integer> widths = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String text = part.strip();
            if (!text.matches("[0-9]{1,6}")) {
                throw new UserError("--hidden: '" + value + "' is not a list of layer widths such as 32 or 32,16");
            }
            widths.add(Integer.parseInt(text));
        }
        try {
            return new Network(1, widths, 1).hidden();
        } catch (IllegalArgumentException e) {
            throw new UserError("--hidden: " + e.getMessage());
        }
    }
}
