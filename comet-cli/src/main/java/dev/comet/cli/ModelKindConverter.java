package dev.comet.cli;

import dev.comet.train.ModelKind;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** {@code --model KIND}: a {@link ModelKind} by its option name; anything else is a usage error naming the choices. */
final class ModelKindConverter implements CommandLine.ITypeConverter<ModelKind> {
    @Override
    public ModelKind convert(String value) {
        return ModelKind.byOption(value).orElseThrow(() -> new CommandLine.TypeConversionException("unknown model '"
                + value + "'; choose " + Arrays.stream(ModelKind.values()).map(ModelKind::option)
                .distinct().collect(Collectors.joining(" or "))));
    }
}
