package org.xmppcert.core.challenge;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * dns-01 for admins who edit their DNS by hand: {@link #deploy} shows the records to create
 * (through {@link #awaitingConfirmation()} and the listener) and waits until the admin says they
 * exist ({@link #confirm()}), gives up ({@link #cancel()}) or the time allowed passes. The engine
 * then checks the records really are visible before it asks the CA, so a premature confirmation
 * costs a wait, not a failed authorization.
 *
 * <p>One request at a time: a second {@link #deploy} while records are awaiting confirmation is refused.
 */
public final class ManualDns01Responder implements Dns01Responder {

    private enum Answer { NONE, CONFIRMED, CANCELLED }

    private final Duration timeout;
    private final Consumer<List<TxtRecord>> onRecordsWanted;
    private List<TxtRecord> awaiting = List.of();
    private Answer answer = Answer.NONE;

    /**
     * @param timeout         how long to wait for the admin
     * @param onRecordsWanted told the records as soon as they are wanted (e.g. to notify the admin); may be a no-op
     */
    public ManualDns01Responder(Duration timeout, Consumer<List<TxtRecord>> onRecordsWanted) {
        this.timeout = Objects.requireNonNull(timeout);
        this.onRecordsWanted = Objects.requireNonNull(onRecordsWanted);
    }

    @Override
    public void deploy(List<TxtRecord> records) throws ChallengeException {
        synchronized (this) {
            if (!awaiting.isEmpty()) {
                throw new ChallengeException("Other DNS records are already awaiting the admin's confirmation");
            }
            awaiting = List.copyOf(records);
            answer = Answer.NONE;
        }
        onRecordsWanted.accept(List.copyOf(records));
        synchronized (this) {
            try {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (answer == Answer.NONE) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new ChallengeException("The DNS records were not confirmed within " + describe(timeout)
                                + "; create them and request the certificate again");
                    }
                    wait(Math.max(1, left / 1_000_000));
                }
                if (answer == Answer.CANCELLED) {
                    throw new ChallengeException("The admin cancelled the dns-01 validation");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChallengeException("Interrupted while waiting for the admin to create the DNS records", e);
            } finally {
                awaiting = List.of();
            }
        }
    }

    /** Nothing to do here: the admin may delete the records, which are no longer needed. */
    @Override
    public void remove(List<TxtRecord> records) {
    }

    /** The records the admin must create now; empty when nothing is awaited. */
    public synchronized List<TxtRecord> awaitingConfirmation() {
        return awaiting;
    }

    /** The admin has created the records. */
    public synchronized void confirm() {
        if (!awaiting.isEmpty()) {
            answer = Answer.CONFIRMED;
            notifyAll();
        }
    }

    /** The admin gives up; the waiting request fails with a clear message. */
    public synchronized void cancel() {
        if (!awaiting.isEmpty()) {
            answer = Answer.CANCELLED;
            notifyAll();
        }
    }

    private static String describe(Duration duration) {
        return duration.toMinutes() > 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }
}
