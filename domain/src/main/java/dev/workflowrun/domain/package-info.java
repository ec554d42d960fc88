/**
 * The hexagonal core of workflow-run: pure Java, no third-party dependency.
 *
 * <p>One package per concept: {@code scenario} (what to run and where it comes from),
 * {@code variables} (the typed allow-list), {@code render} (allow-list substitution),
 * {@code manifest} (the parsed Workflow), {@code drift} (image and file invariants),
 * {@code deadline} (soft and hard), {@code pipeline} (fetch, roles, bind, render, lint and drift, shared
 * by run, lint and verify), {@code cluster} (the workflow-cluster port),
 * {@code artifacts} (the run bundle and the artifact-store port), and {@code run}
 * (the lifecycle, the outcome and the use cases that orchestrate the rest).
 */
package dev.workflowrun.domain;
