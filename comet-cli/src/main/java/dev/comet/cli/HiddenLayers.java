package dev.comet.cli;

import dev.comet.train.Network;
import java.util.ArrayList;
import java.util.List;

/** {@code --hidden 32,16}: hidden-layer widths, input side first. */
final class HiddenLayers {
    private HiddenLayers() {}

    /** The widths {@code value} lists; anything else is a one-line {@link UserError} saying why. */
    static List<Integer> parse(String value) {
        List<Integer> widths = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String text = part.strip();
            if (!text.matches("[0-9]{1,6}")) {
                throw new UserError("--hidden: '" + value + "' is not a list of layer widths such as 32 or 32,16");
            }
            int units = Integer.parseInt(text);
            if (units < 1 || units > Network.MAX_FAN_IN) {
                throw new UserError("--hidden: a hidden layer has 1 to " + Network.MAX_FAN_IN + " units, got " + units);
            }
            widths.add(units);
        }
        if (widths.size() > Network.MAX_HIDDEN_LAYERS) {
            throw new UserError("--hidden: at most " + Network.MAX_HIDDEN_LAYERS + " hidden layers, got " + widths.size());
        }
        return List.copyOf(widths);
    }
}
