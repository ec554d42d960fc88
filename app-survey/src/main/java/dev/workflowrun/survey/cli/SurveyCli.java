package dev.workflowrun.survey.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/** {@code survey}: the N=3 checkpoint of the wrapper bash, and the migration to typed CronJobs. */
public final class SurveyCli {

    /** Outputs written; every wrapper parsed completely. */
    public static final int OK = 0;
    /** Outputs written, but at least one wrapper was only partially parsed. */
    public static final int PARTIAL = 1;
    /** Bad input (missing or unreadable file, not YAML, duplicate names); nothing written. */
    public static final int INPUT = 2;
    /** The outputs could not be written; nothing written. */
    public static final int OUTPUT = 3;
    /** Usage error. */
    public static final int USAGE = 64;

    private SurveyCli() {
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new SurveyCommand());
        cl.setOut(out);
        cl.setErr(err);
        SurveyVersion version = new SurveyVersion();
        cl.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(version));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println(ex.getMessage());
            err.println("Try 'survey --help'. Typical use: survey --scenarios examples/scenarios --out docs/survey --adr docs/adr");
            return USAGE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

}
