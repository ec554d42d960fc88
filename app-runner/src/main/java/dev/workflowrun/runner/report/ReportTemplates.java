package dev.workflowrun.runner.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;

import java.io.StringWriter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The report templates ({@code src/main/resources/dev/workflowrun/runner/report/*.mustache}). Mustache
 * is logic-less: the model decides everything, the template only places it. Every {@code {{value}}}
 * is HTML-escaped (the templates use no unescaped form; a test holds them to that).
 */
public final class ReportTemplates {

    static final String ROOT = "dev/workflowrun/runner/report";

    private static final MustacheFactory FACTORY = new DefaultMustacheFactory(ROOT);
    private static final ConcurrentMap<String, Mustache> COMPILED = new ConcurrentHashMap<>();

    private ReportTemplates() {
    }

    public static String render(String template, Object model) {
        Mustache mustache = COMPILED.computeIfAbsent(template, FACTORY::compile);
        StringWriter out = new StringWriter();
        mustache.execute(out, model);
        return out.toString();
    }
}
