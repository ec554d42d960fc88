package dev.workflowrun.adapters.git;

import dev.workflowrun.domain.scenario.FetchRequest;
import dev.workflowrun.domain.scenario.ScenarioFetchException;
import dev.workflowrun.domain.scenario.ScenarioFetchException.Reason;
import dev.workflowrun.domain.scenario.ScenarioRef;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A server that accepts connections and never answers must not hang the run. */
class SilentServerTest {

    @Test
    void aServerThatNeverAnswersIsUnreachableAfterTheTimeout() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // hold the connection open, say nothing
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String uri = "git://127.0.0.1:" + silent.getLocalPort() + "/scenarios.git";

            ScenarioFetchException e = catchThrowableOfType(ScenarioFetchException.class, () -> GitScenarioSources
                    .create(GitSourceConfig.defaults().withTimeout(Duration.ofSeconds(1)))
                    .fetch(FetchRequest.of(new ScenarioRef(uri, "main", "scenarios/x.yaml"))));

            assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
            assertThat(e.getMessage()).contains(uri, "within 3 s", "timeout 1 s");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
