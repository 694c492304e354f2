package io.klio.audio.wav;

/**
 * What a WAV header said: the sample encoding, the channel count, the rate and whether the file
 * used {@code WAVE_FORMAT_EXTENSIBLE}. Returned with the samples by {@link WavReader#readWithInfo}.
 */
public record WavInfo(
    WavFormat format, int channels, int sampleRate, long frames, boolean extensible) {}
