package io.pactum.solver.book;

/** A match the planner chose: the two offers and the deal built from them. */
public record Proposal<D>(String jobOfferId, String resourceOfferId, D deal) {}
