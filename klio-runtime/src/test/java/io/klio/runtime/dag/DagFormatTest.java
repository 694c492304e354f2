package io.klio.runtime.dag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klio.codec.Codec;
import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobSpec;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class DagFormatTest {
  /** Never called: rendering only reads names, locations and types. */
  private static final Codec<String> CODEC =
      new Codec<>() {
        @Override
        public void encode(String value, OutputStream out) {
          throw new UnsupportedOperationException();
        }

        @Override
        public String decode(InputStream in) {
          throw new UnsupportedOperationException();
        }
      };

  private static final String URLS = "gs://bucket/urls/{id}.txt";
  private static final String CLIP = "io.klio.audio.AudioClip";
  private static final String BEATS_FINGERPRINT = "5e".repeat(32);
  private static final String DOWNSAMPLE_FINGERPRINT = "d0".repeat(32);

  /**
   * audio-download -> downsample -> {beat-tracking, spectrogram} -> report: siblings and a diamond;
   * audio-download and report share one external input. Listed out of order on purpose.
   * beat-tracking has a fingerprint and a version, downsample only a fingerprint, the others
   * neither (as generated before fingerprints existed).
   */
  private static JobGraph audioDag() {
    return new JobGraph(
        List.of(
            JobSpec.builder("report", "io.example.Audio#report")
                .parents("spectrogram", "beat-tracking")
                .input(
                    InputSpec.fromJob(
                        "beats", "beat-tracking", "${data}/beats/{id}.json", "String", CODEC))
                .input(
                    InputSpec.fromJob(
                        "spec", "spectrogram", "${data}/spec/{id}.png", "byte[]", CODEC))
                .input(InputSpec.external("url", URLS, "String", CODEC))
                .output("${data}/report/{id}.html", "String", CODEC)
                .build(),
            JobSpec.builder("spectrogram", "io.example.Audio#spectrogram")
                .parents("downsample")
                .input(
                    InputSpec.fromJob("clip", "downsample", "${data}/small/{id}.wav", CLIP, CODEC))
                .output("${data}/spec/{id}.png", "byte[]", CODEC)
                .build(),
            JobSpec.builder("beat-tracking", "io.example.Audio#beats")
                .parents("downsample")
                .input(
                    InputSpec.fromJob("clip", "downsample", "${data}/small/{id}.wav", CLIP, CODEC))
                .output("${data}/beats/{id}.json", "String", CODEC)
                .fingerprint(BEATS_FINGERPRINT)
                .version("madmom-0.16")
                .build(),
            JobSpec.builder("downsample", "io.example.Audio#downsample")
                .parents("audio-download")
                .input(
                    InputSpec.fromJob(
                        "clip", "audio-download", "${data}/audio/{id}.wav", CLIP, CODEC))
                .output("${data}/small/{id}.wav", CLIP, CODEC)
                .fingerprint(DOWNSAMPLE_FINGERPRINT)
                .build(),
            JobSpec.builder("audio-download", "io.example.Audio$Download#fetch")
                .input(InputSpec.external("url", URLS, "String", CODEC))
                .output("${data}/audio/{id}.wav", CLIP, CODEC)
                .build()));
  }

  @Test
  void textListsEachJobInTopologicalOrder() {
    assertThat(DagFormat.TEXT.render(audioDag()))
        .isEqualTo(
            """
                audio-download
                  method   io.example.Audio$Download#fetch
                  parents  (none)
                  children downsample
                  input    url: String at gs://bucket/urls/{id}.txt
                  output   io.klio.audio.AudioClip at ${data}/audio/{id}.wav

                downsample
                  method   io.example.Audio#downsample
                  parents  audio-download
                  children beat-tracking, spectrogram
                  input    clip: io.klio.audio.AudioClip from audio-download
                  output   io.klio.audio.AudioClip at ${data}/small/{id}.wav

                beat-tracking
                  method   io.example.Audio#beats
                  parents  downsample
                  children report
                  input    clip: io.klio.audio.AudioClip from downsample
                  output   String at ${data}/beats/{id}.json

                spectrogram
                  method   io.example.Audio#spectrogram
                  parents  downsample
                  children report
                  input    clip: io.klio.audio.AudioClip from downsample
                  output   byte[] at ${data}/spec/{id}.png

                report
                  method   io.example.Audio#report
                  parents  spectrogram, beat-tracking
                  children (none)
                  input    beats: String from beat-tracking
                  input    spec: byte[] from spectrogram
                  input    url: String at gs://bucket/urls/{id}.txt
                  output   String at ${data}/report/{id}.html
                """);
  }

  @Test
  void jsonHasTheManifestShapeInTopologicalOrder() {
    assertThat(DagFormat.JSON.render(audioDag()))
        .isEqualTo(
            """
                {
                  "jobs" : [
                    {
                      "name" : "audio-download",
                      "parents" : [ ],
                      "inputs" : [
                        {
                          "parameter" : "url",
                          "location" : "gs://bucket/urls/{id}.txt",
                          "type" : "String"
                        }
                      ],
                      "output" : {
                        "location" : "${data}/audio/{id}.wav",
                        "type" : "io.klio.audio.AudioClip"
                      },
                      "method" : "io.example.Audio$Download#fetch",
                      "fingerprint" : "",
                      "version" : ""
                    },
                    {
                      "name" : "downsample",
                      "parents" : [
                        "audio-download"
                      ],
                      "inputs" : [
                        {
                          "parameter" : "clip",
                          "from" : "audio-download",
                          "type" : "io.klio.audio.AudioClip"
                        }
                      ],
                      "output" : {
                        "location" : "${data}/small/{id}.wav",
                        "type" : "io.klio.audio.AudioClip"
                      },
                      "method" : "io.example.Audio#downsample",
                      "fingerprint" : "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0",
                      "version" : ""
                    },
                    {
                      "name" : "beat-tracking",
                      "parents" : [
                        "downsample"
                      ],
                      "inputs" : [
                        {
                          "parameter" : "clip",
                          "from" : "downsample",
                          "type" : "io.klio.audio.AudioClip"
                        }
                      ],
                      "output" : {
                        "location" : "${data}/beats/{id}.json",
                        "type" : "String"
                      },
                      "method" : "io.example.Audio#beats",
                      "fingerprint" : "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e",
                      "version" : "madmom-0.16"
                    },
                    {
                      "name" : "spectrogram",
                      "parents" : [
                        "downsample"
                      ],
                      "inputs" : [
                        {
                          "parameter" : "clip",
                          "from" : "downsample",
                          "type" : "io.klio.audio.AudioClip"
                        }
                      ],
                      "output" : {
                        "location" : "${data}/spec/{id}.png",
                        "type" : "byte[]"
                      },
                      "method" : "io.example.Audio#spectrogram",
                      "fingerprint" : "",
                      "version" : ""
                    },
                    {
                      "name" : "report",
                      "parents" : [
                        "spectrogram",
                        "beat-tracking"
                      ],
                      "inputs" : [
                        {
                          "parameter" : "beats",
                          "from" : "beat-tracking",
                          "type" : "String"
                        },
                        {
                          "parameter" : "spec",
                          "from" : "spectrogram",
                          "type" : "byte[]"
                        },
                        {
                          "parameter" : "url",
                          "location" : "gs://bucket/urls/{id}.txt",
                          "type" : "String"
                        }
                      ],
                      "output" : {
                        "location" : "${data}/report/{id}.html",
                        "type" : "String"
                      },
                      "method" : "io.example.Audio#report",
                      "fingerprint" : "",
                      "version" : ""
                    }
                  ]
                }
                """);
  }

  @Test
  void jsonParsesBack() throws Exception {
    JsonNode jobs = new ObjectMapper().readTree(DagFormat.JSON.render(audioDag())).get("jobs");
    assertThat(jobs).hasSize(5);
    assertThat(jobs.get(4).get("name").asText()).isEqualTo("report");
    assertThat(jobs.get(4).get("inputs").get(2).get("location").asText()).isEqualTo(URLS);
    assertThat(jobs.get(4).get("inputs").get(2).has("from")).isFalse();
  }

  @Test
  void jsonShowsEachJobsFingerprintAndVersion() throws Exception {
    JsonNode jobs = new ObjectMapper().readTree(DagFormat.JSON.render(audioDag())).get("jobs");
    JsonNode beats = jobs.get(2);
    assertThat(beats.get("name").asText()).isEqualTo("beat-tracking");
    assertThat(beats.get("fingerprint").asText()).isEqualTo(BEATS_FINGERPRINT);
    assertThat(beats.get("version").asText()).isEqualTo("madmom-0.16");
    JsonNode downsample = jobs.get(1);
    assertThat(downsample.get("fingerprint").asText()).isEqualTo(DOWNSAMPLE_FINGERPRINT);
    assertThat(downsample.get("version").asText()).isEmpty();
    assertThat(jobs.get(0).get("fingerprint").asText()).isEmpty();
  }

  @Test
  void dotDrawsParentToChildEdgesAndSharedExternalInputs() {
    assertThat(DagFormat.DOT.render(audioDag()))
        .isEqualTo(
            """
                digraph klio {
                  node [shape=box];
                  "audio-download";
                  "input:gs://bucket/urls/{id}.txt" [shape=note, label="gs://bucket/urls/{id}.txt"];
                  "input:gs://bucket/urls/{id}.txt" -> "audio-download";
                  "downsample";
                  "audio-download" -> "downsample";
                  "beat-tracking";
                  "downsample" -> "beat-tracking";
                  "spectrogram";
                  "downsample" -> "spectrogram";
                  "report";
                  "input:gs://bucket/urls/{id}.txt" -> "report";
                  "spectrogram" -> "report";
                  "beat-tracking" -> "report";
                }
                """);
  }

  @Test
  void mermaidSanitisesIdsAndQuotesLabels() {
    assertThat(DagFormat.MERMAID.render(audioDag()))
        .isEqualTo(
            """
                flowchart TD
                  job_audio_download["audio-download"]
                  input_0[/"gs://bucket/urls/{id}.txt"/]
                  input_0 --> job_audio_download
                  job_downsample["downsample"]
                  job_audio_download --> job_downsample
                  job_beat_tracking["beat-tracking"]
                  job_downsample --> job_beat_tracking
                  job_spectrogram["spectrogram"]
                  job_downsample --> job_spectrogram
                  job_report["report"]
                  input_0 --> job_report
                  job_spectrogram --> job_report
                  job_beat_tracking --> job_report
                """);
  }

  @Test
  void quotesAndBackslashesAreEscaped() {
    JobGraph graph =
        new JobGraph(
            List.of(
                JobSpec.builder("say-\"hi\"", "io.example.A#b")
                    .input(InputSpec.external("in", "/data/\"raw\"\\{id}", "String", CODEC))
                    .output("/out/{id}", "String", CODEC)
                    .build()));

    assertThat(DagFormat.DOT.render(graph))
        .contains("  \"say-\\\"hi\\\"\";\n")
        .contains("[shape=note, label=\"/data/\\\"raw\\\"\\\\{id}\"];\n");
    assertThat(DagFormat.MERMAID.render(graph))
        .contains("  job_say__hi_[\"say-#quot;hi#quot;\"]\n")
        .contains("  input_0[/\"/data/#quot;raw#quot;\\{id}\"/]\n");
  }
}
