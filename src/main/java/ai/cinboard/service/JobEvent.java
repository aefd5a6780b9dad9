package ai.cinboard.service;

/** A change in a job (progress, phase change, finish, failure); carries the job's new state. */
public record JobEvent(JobInfo job) {}
