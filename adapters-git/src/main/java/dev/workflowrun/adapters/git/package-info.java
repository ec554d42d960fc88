/**
 * The scenario-source port implemented with JGit: resolves a ref of a remote repository to one
 * commit, fetches only that commit (depth 1 where the server allows it) and reads the scenario,
 * its sibling folder and any extra files from that commit's tree. Entry point:
 * {@link dev.workflowrun.adapters.git.GitScenarioSources}.
 */
package dev.workflowrun.adapters.git;
