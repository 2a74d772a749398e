package dev.comet.cli;

import dev.comet.proof.SecurityReport;
import java.util.LinkedHashMap;
import java.util.Map;

/** A security report as JSON: every figure with its bits, formula and terms, for inspect and verify. */
final class SecurityJson {
    private SecurityJson() {}

    static Map<String, Object> of(SecurityReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conjectured_bits", report.bits());
        out.put("proven_bits", report.proven().bits());
        Map<String, Object> figures = new LinkedHashMap<>();
        for (SecurityReport.Figure f : report.figures()) {
            Map<String, Object> figure = new LinkedHashMap<>();
            figure.put("label", f.label());
            figure.put("bits", f.bits());
            figure.put("formula", f.formula());
            Map<String, Object> terms = new LinkedHashMap<>();
            for (SecurityReport.Term t : f.termList()) {
                terms.put(t.name(), Math.floor(t.bits() * 100) / 100);
            }
            figure.put("terms", terms);
            figures.put(f.key(), figure);
        }
        out.put("figures", figures);
        return out;
    }
}
