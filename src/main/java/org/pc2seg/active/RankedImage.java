package org.pc2seg.active;

/**
 * One image's place in the "label next" ranking.
 *
 * @param id the image (a project-relative path)
 * @param uncertainty the image's uncertainty score (0..1, higher = more to learn)
 * @param score the score the ranking used: uncertainty lowered for images similar to ones ranked
 *     above (equal to uncertainty without diversity)
 * @param rank 1 = label first
 */
public record RankedImage(String id, double uncertainty, double score, int rank) {}
