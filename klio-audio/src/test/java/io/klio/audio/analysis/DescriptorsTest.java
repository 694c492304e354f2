package io.klio.audio.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.audio.AudioClip;
import io.klio.audio.dsp.Channels;
import io.klio.audio.synth.Synth;
import org.junit.jupiter.api.Test;

class DescriptorsTest {
  static final int SR = 44100;

  @Test
  void speechLikeNoiseIsSpeechy() {
    Descriptors d = Descriptors.of(Synth.pan(Synth.speechLike(SR, 15, 4, -20, 7), 0));
    System.out.println("speech-like: " + d);
    assertThat(d.speechiness()).isGreaterThan(0.6);
    assertThat(d.instrumentalness()).isLessThan(0.2);
    assertThat(d.modulation()).isGreaterThan(0.5);
  }

  @Test
  void tonesAndClicksAreInstrumental() {
    for (AudioClip c :
        new AudioClip[] {
          Synth.tone(SR, 15, 440, -12),
          Synth.clickTrack(SR, 15, 120, 0.3, -6),
          Synth.clickTrack(SR, 15, 160, 0.3, -6),
          Channels.mix(Synth.clickTrack(SR, 15, 100, 0.3, -6), Synth.tone(SR, 15, 220, -24))
        }) {
      Descriptors d = Descriptors.of(c);
      System.out.println("instrumental: " + d);
      assertThat(d.speechiness()).as("%s", d).isLessThan(0.1);
      assertThat(d.instrumentalness()).as("%s", d).isGreaterThan(0.8);
    }
  }

  @Test
  void speechOverMusicIsMoreSpeechyThanMusic() {
    AudioClip music =
        Channels.mix(Synth.clickTrack(SR, 15, 120, 0.3, -6), Synth.tone(SR, 15, 220, -24));
    AudioClip both = Channels.mix(music, Synth.speechLike(SR, 15, 4, -18, 3));
    assertThat(Descriptors.of(both).speechiness())
        .isGreaterThan(Descriptors.of(music).speechiness() + 0.4);
  }

  @Test
  void energyRisesWithLevelAndSilenceIsZero() {
    double quiet = Descriptors.of(Synth.tone(SR, 10, 440, -40)).energy();
    double mid = Descriptors.of(Synth.tone(SR, 10, 440, -20)).energy();
    double loud = Descriptors.of(Synth.tone(SR, 10, 440, -3)).energy();
    assertThat(quiet).isLessThan(mid);
    assertThat(mid).isLessThan(loud);
    assertThat(loud).isBetween(0.6, 1.0);
    Descriptors s = Descriptors.of(AudioClip.silence(SR, 2, SR * 3));
    assertThat(s.energy()).isZero();
    assertThat(s.speechiness()).isZero();
    assertThat(s.instrumentalness()).isZero();
  }
}
