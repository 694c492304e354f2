package io.klio.audio.analysis;

/**
 * The two mel scales in common use.
 *
 * <p>{@link #SLANEY} is the default everywhere in Klio because it is librosa's default ({@code
 * htk=False}), which most audio ML models were trained with: linear below 1 kHz ({@code mel = 3 f /
 * 200}), logarithmic above ({@code 15 + 27 ln(f / 1000) / ln 6.4}). {@link #HTK} is {@code 2595
 * log10(1 + f / 700)}, used by HTK, Kaldi and torchaudio's default.
 */
public enum MelScale {
  SLANEY {
    @Override
    public double hzToMel(double hz) {
      double fSp = 200.0 / 3;
      double minLogHz = 1000;
      double minLogMel = minLogHz / fSp;
      double logstep = Math.log(6.4) / 27.0;
      return hz < minLogHz ? hz / fSp : minLogMel + Math.log(hz / minLogHz) / logstep;
    }

    @Override
    public double melToHz(double mel) {
      double fSp = 200.0 / 3;
      double minLogHz = 1000;
      double minLogMel = minLogHz / fSp;
      double logstep = Math.log(6.4) / 27.0;
      return mel < minLogMel ? mel * fSp : minLogHz * Math.exp(logstep * (mel - minLogMel));
    }
  },
  HTK {
    @Override
    public double hzToMel(double hz) {
      return 2595 * Math.log10(1 + hz / 700);
    }

    @Override
    public double melToHz(double mel) {
      return 700 * (Math.pow(10, mel / 2595) - 1);
    }
  };

  public abstract double hzToMel(double hz);

  public abstract double melToHz(double mel);
}
