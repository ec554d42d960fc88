package dev.workflowrun.runner.report;

import dev.workflowrun.domain.artifacts.BundleFile;
import dev.workflowrun.domain.report.RunRecord;
import dev.workflowrun.domain.report.RunReport;
import dev.workflowrun.domain.report.TaskResult;
import dev.workflowrun.domain.report.TaskResult.Status;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class BundleReportsTest {

    private static final Path GOLDEN = Path.of("src/test/resources/dev/workflowrun/runner/report/golden");

    private static Map<String, String> files(RunReport report) {
        return report.files().stream().collect(Collectors.toMap(BundleFile::name, RunRecords::text));
    }

    @Test
    void thePageLeadsWithTheOutcomeTheDecidingTaskAndItsReason() {
        Document page = Jsoup.parse(files(new BundleReports().report(RunRecords.taskFailed())).get("index.html"));

        assertThat(page.getElementById("outcome").text()).isEqualTo("TASK_FAILED");
        assertThat(page.getElementById("deciding-task").text()).isEqualTo("run-release-test");
        assertThat(page.getElementById("reason").text()).contains("exited 1 (Error)");
        assertThat(page.title()).isEqualTo("release-test 20261201-144501-77ca: TASK_FAILED");
    }

    @Test
    void everyCapturedNodeIsOnTheTimelineColouredByItsResultWithItsDeadline() {
        Document page = Jsoup.parse(files(new BundleReports().report(RunRecords.taskFailed())).get("index.html"));

        List<Element> rows = page.select("#timeline .row.node");
        assertThat(rows).extracting(e -> e.attr("data-node")).containsExactly("release-test-9d875", "keygen-admin-4ndkn",
                "provision-validator-chain-4vq2p", "provision-rpc-fleet-dr8sq", "run-release-test-9zvc6", "upload-report-fshld");
        Element failed = page.selectFirst("#timeline .row.node[data-node=run-release-test-9zvc6]");
        assertThat(failed.attr("data-result")).isEqualTo("FAILED");
        assertThat(failed.selectFirst(".bar").hasClass("bad")).isTrue();
        assertThat(failed.selectFirst(".nodedl")).as("the node's own deadline is marked").isNotNull();
        assertThat(page.selectFirst("[data-node=keygen-admin-4ndkn] .bar").hasClass("ok")).isTrue();
        assertThat(page.select("#timeline .runline").eachText()).containsExactly("soft deadline 4m", "hard deadline 6m");
        // The Serial starts at the Workflow's start and ends with it: a full-width bar.
        assertThat(page.selectFirst("[data-node=release-test-9d875] .bar").attr("style")).isEqualTo("left:0.000%;width:83.333%");
    }

    @Test
    void eachTaskHasItsExitCodeDurationPodAndACollapsedLogTail() {
        Document page = Jsoup.parse(files(new BundleReports().report(RunRecords.taskFailed())).get("index.html"));

        Element row = page.selectFirst("#tasks tr.task[data-task=run-release-test]");
        assertThat(row.select("td").eachText()).containsExactly("run-release-test", "FAILED", "1", "1m", RunRecords.FAILING_POD,
                "exit code 1 (Error)");
        Element log = row.nextElementSibling().selectFirst("details");
        assertThat(log.hasAttr("open")).as("collapsed").isFalse();
        assertThat(log.selectFirst("pre").wholeText()).contains("<b>not bold</b> & \"quoted\"").contains("simulated exit 1");
        assertThat(log.selectFirst("a").attr("href")).isEqualTo("logs/" + RunRecords.FAILING_POD + "/run-release-test.log");
        assertThat(page.select("#tasks tr.task")).hasSize(5);
    }

    @Test
    void theChecksFactsAndEveryRawFileAreThere() {
        Document page = Jsoup.parse(files(new BundleReports().report(RunRecords.taskFailed())).get("index.html"));

        assertThat(page.getElementById("lint-verdict").text()).isEqualTo("passed with 1 warning(s)");
        assertThat(page.select("#checks tr.drift").eachText()).containsExactly(
                "live-image SEID_IMAGE skipped - - skipped: no cluster", "ref-image SEITASK_IMAGE holds tag 91ea4195c949 tag 91ea4195c949");
        String facts = page.getElementById("facts").text();
        assertThat(facts).contains(RunRecords.COMMIT).contains("namespace sandbox").contains("attempt 1")
                .contains("SEITASK_IMAGE ghcr.io/sandbox/seitask:91ea4195c949").contains("GET workflows 5").contains("Waiting 5m");
        assertThat(page.select("#files a").eachAttr("href")).contains("index.html", "junit.xml", "run.json", "orchestrator.log",
                "workflow-tree.yaml", "logs/" + RunRecords.FAILING_POD + "/run-release-test.log");
        assertThat(page.select("link[href], script, img[src^=http], iframe")).as("self-contained").isEmpty();
    }

    @Test
    void noSecretReachesThePageOrTheJunitXmlInAnyForm() {
        Map<String, String> files = files(new BundleReports().report(RunRecords.taskFailed()));
        String escapedByTheTemplate = RunRecords.SECRET.replace("=", "&#61;").replace("+", "&#43;");
        String base64 = Base64.getEncoder().encodeToString(RunRecords.SECRET.getBytes(StandardCharsets.UTF_8));

        for (Map.Entry<String, String> file : files.entrySet()) {
            assertThat(file.getValue()).as(file.getKey()).doesNotContain(RunRecords.SECRET).doesNotContain(escapedByTheTemplate)
                    .doesNotContain("s3cr3t").doesNotContain(base64);
        }
        assertThat(Jsoup.parse(files.get("index.html")).text()).contains("<secret ADMIN_TOKEN>");
    }

    @Test
    void junitXmlHasOneCasePerTaskAndFitsTheSchemaCiReportersRead() throws Exception {
        RunReport report = new BundleReports().report(RunRecords.taskFailed());
        String xml = files(report).get("junit.xml");

        validate(xml);
        org.w3c.dom.Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        org.w3c.dom.Element suite = doc.getDocumentElement();
        assertThat(suite.getAttribute("name")).isEqualTo("release-test");
        assertThat(suite.getAttribute("tests")).isEqualTo("5");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        NodeList failures = doc.getElementsByTagName("failure");
        org.w3c.dom.Element failure = (org.w3c.dom.Element) failures.item(0);
        assertThat(((org.w3c.dom.Element) failure.getParentNode()).getAttribute("name")).isEqualTo("run-release-test");
        assertThat(failure.getAttribute("message")).isEqualTo("exit code 1 (Error)");
        assertThat(failure.getTextContent()).contains("simulated exit 1").contains("<b>not bold</b>");
        assertThat(((org.w3c.dom.Element) doc.getElementsByTagName("testcase").item(0)).getAttribute("time")).isEqualTo("60.000");
        assertThat(report.tasks()).extracting(TaskResult::name, TaskResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("keygen-admin", Status.PASSED), org.assertj.core.groups.Tuple.tuple("provision-rpc-fleet", Status.PASSED),
                org.assertj.core.groups.Tuple.tuple("provision-validator-chain", Status.PASSED),
                org.assertj.core.groups.Tuple.tuple("run-release-test", Status.FAILED), org.assertj.core.groups.Tuple.tuple("upload-report", Status.PASSED));
    }

    @Test
    void aRunRefusedBeforeApplySkipsEveryTaskAndCarriesItsErrorInOneMoreCase() throws Exception {
        RunRecord refused = RunRecords.refused();
        Map<String, String> files = files(new BundleReports().report(refused));

        validate(files.get("junit.xml"));
        assertThat(files.get("junit.xml")).contains("tests=\"6\"").contains("errors=\"1\"").contains("skipped=\"5\"")
                .contains("<testcase name=\"workflow-run\"").contains("drift rule 'ref-image SEITASK_IMAGE' broken");
        Document page = Jsoup.parse(files.get("index.html"));
        assertThat(page.getElementById("outcome").text()).isEqualTo("INFRA_FAILED");
        assertThat(page.getElementById("timeline").text()).contains("Nothing was applied, so no node ran.");
        assertThat(page.select("#tasks tr.task td:eq(1)").eachText()).containsOnly("SKIPPED");
    }

    @Test
    void aTaskWhosePodNeverStartedIsAnErrorEvenWhenItsDeadlineThenPassed() throws Exception {
        String tree = RunRecords.tree().replace("state: \"terminated\"\n        exitCode: 0\n        reason: \"Completed\"\n"
                + "        startedAt: \"2026-12-01T14:46:20Z\"\n        finishedAt: \"2026-12-01T14:47:20Z\"",
                "state: \"waiting\"\n        reason: \"ImagePullBackOff\"\n        message: \"Back-off pulling image\"")
                .replace("reason: \"NodeDeadlineOmitted\"", "reason: \"NodeDeadlineExceed\"");
        assertThat(tree).contains("ImagePullBackOff");
        RunRecord record = RunRecords.record(dev.workflowrun.domain.cluster.Outcome.INFRA_FAILED, java.util.Optional.of("keygen-admin"),
                "Task keygen-admin never started", tree, List.of("-"));

        RunReport report = new BundleReports().report(record);

        TaskResult keygen = report.tasks().get(0);
        assertThat(keygen.name()).isEqualTo("keygen-admin");
        assertThat(keygen.status()).isEqualTo(Status.ERROR);
        assertThat(keygen.message()).isEqualTo("its container never started (ImagePullBackOff): Back-off pulling image; then its deadline passed");
        String xml = files(report).get("junit.xml");
        validate(xml);
        assertThat(xml).contains("errors=\"1\"").contains("<error type=\"ERROR\" message=\"its container never started");
    }

    @Test
    void textXmlCannotCarryIsReplacedNotDropped() throws Exception {
        RunRecord record = RunRecords.record(dev.workflowrun.domain.cluster.Outcome.TASK_FAILED, java.util.Optional.of("run-release-test"),
                "exit 1", RunRecords.tree(), List.of("\u001b[31mred\u001b[0m, a bell \u0007 and U+FFFF \uffff here"));

        String xml = files(new BundleReports().report(record)).get("junit.xml");

        validate(xml);
        assertThat(xml).contains("\ufffd[31mred\ufffd[0m, a bell \ufffd and U+FFFF \ufffd here");
    }

    @Test
    void theTemplatesEscapeEveryValue() throws IOException {
        for (String template : List.of("index.html.mustache", "style.mustache", "history.html.mustache")) {
            Path file = Path.of("src/main/resources/dev/workflowrun/runner/report", template);
            if (Files.exists(file)) {
                String text = Files.readString(file);
                assertThat(text).as(template + " uses no unescaped form").doesNotContain("{{{").doesNotContain("{{&");
            }
        }
    }

    @Test
    void goldenFiles() throws IOException {
        Map<String, String> files = files(new BundleReports().report(RunRecords.taskFailed()));
        for (String name : List.of("index.html", "junit.xml")) {
            Path golden = GOLDEN.resolve("task-failed-" + name);
            if (Boolean.getBoolean("golden.update") || !Files.exists(golden)) {
                Files.createDirectories(GOLDEN);
                Files.writeString(golden, files.get(name));
            }
            assertThat(files.get(name)).as(name + " against " + golden + " (-Dgolden.update=true rewrites it)").isEqualTo(Files.readString(golden));
        }
    }

    static void validate(String xml) throws SAXException, IOException {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Schema schema = factory.newSchema(BundleReportsTest.class.getResource("junit.xsd"));
        assertThatCode(() -> schema.newValidator().validate(new StreamSource(new StringReader(xml)))).doesNotThrowAnyException();
    }
}
