package io.klio.runtime.job;

import io.klio.codec.Codec;
import java.io.Serializable;

/** Where a job stores its result ({@code location}, a template) and how ({@code codec}). */
public record OutputSpec(String location, String type, Codec<?> codec) implements Serializable {}
