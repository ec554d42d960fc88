package dev.workflowrun.runner.wiring;

import javax.inject.Scope;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** One instance per run: the cluster adapter counts the requests of exactly one run. */
@Scope
@Documented
@Retention(RetentionPolicy.RUNTIME)
public @interface RunScope {
}
