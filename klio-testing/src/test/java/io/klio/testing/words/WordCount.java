package io.klio.testing.words;

/** How many words a text has, and its longest. */
public record WordCount(int words, String longest) {}
