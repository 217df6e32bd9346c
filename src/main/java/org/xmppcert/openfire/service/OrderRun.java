package org.xmppcert.openfire.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;

import org.xmppcert.core.acme.IssuanceObserver;
import org.xmppcert.core.challenge.ManualDns01Responder;
import org.xmppcert.core.challenge.TxtRecord;
import org.xmppcert.openfire.service.OrderProgress.NameProgress;
import org.xmppcert.openfire.service.OrderProgress.NameState;

/**
 * One certificate request while it runs, as the console polls it: the issuer reports into it from
 * its threads, the console reads {@link #snapshot()}s. Once finished it changes no more.
 */
final class OrderRun implements IssuanceObserver {

    private final String ticket;
    private final String startedBy;
    private final Instant startedAt;
    private final Map<String, NameProgress> names = new LinkedHashMap<>();
    private OrderProgress.Phase phase = OrderProgress.Phase.ORDERING;
    private List<TxtRecord> dnsRecords = List.of();
    private FailureReport failure;
    private InstallReport install;
    private ManualDns01Responder manualDns;
    private Future<?> task;
    private boolean cancelRequested;

    OrderRun(String ticket, String startedBy, Instant startedAt, List<String> requested) {
        this.ticket = ticket;
        this.startedBy = startedBy;
        this.startedAt = startedAt;
        requested.forEach(name -> names.put(name, new NameProgress(name, NameState.PENDING, Optional.empty())));
    }

    String ticket() {
        return ticket;
    }

    synchronized OrderProgress snapshot() {
        return new OrderProgress(ticket, startedBy, startedAt, phase, List.copyOf(names.values()), dnsRecords,
                Optional.ofNullable(failure), Optional.ofNullable(install));
    }

    synchronized boolean finished() {
        return phase.finished();
    }

    @Override
    public synchronized void phase(IssuanceObserver.Phase reached) {
        switch (reached) {
            case ORDERING -> move(OrderProgress.Phase.ORDERING);
            case VALIDATING -> {
                dnsRecords = List.of();
                move(OrderProgress.Phase.VALIDATING);
            }
            case FINALIZING -> move(OrderProgress.Phase.FINALIZING);
            case ISSUED -> move(OrderProgress.Phase.INSTALLING);
        }
    }

    @Override
    public void pending(String name) {
        name(name, NameState.PENDING, null);
    }

    @Override
    public void answered(String name) {
        name(name, NameState.ANSWERED, null);
    }

    @Override
    public void valid(String name) {
        name(name, NameState.VALID, null);
    }

    @Override
    public void invalid(String name, String reason) {
        name(name, NameState.INVALID, reason);
    }

    /** The manual dns-01 responder wants these records created by the admin. */
    synchronized void awaitingDnsRecords(List<TxtRecord> records) {
        dnsRecords = List.copyOf(records);
        move(OrderProgress.Phase.AWAITING_DNS_RECORDS);
    }

    synchronized void installing() {
        move(OrderProgress.Phase.INSTALLING);
    }

    synchronized void done(InstallReport report) {
        install = report;
        dnsRecords = List.of();
        phase = OrderProgress.Phase.DONE;
    }

    synchronized void failed(FailureReport why) {
        failure = why;
        dnsRecords = List.of();
        phase = OrderProgress.Phase.FAILED;
    }

    synchronized void notInstalled(InstallReport report) {
        install = report;
        dnsRecords = List.of();
        phase = OrderProgress.Phase.FAILED;
    }

    synchronized void useManualDns(ManualDns01Responder responder) {
        manualDns = responder;
    }

    synchronized Optional<ManualDns01Responder> manualDns() {
        return Optional.ofNullable(manualDns);
    }

    synchronized void runningAs(Future<?> running) {
        task = running;
    }

    /** Stops the request: a manual dns-01 wait ends at once, anything else is interrupted. */
    void cancel() {
        ManualDns01Responder responder;
        Future<?> running;
        synchronized (this) {
            cancelRequested = true;
            responder = manualDns;
            running = task;
        }
        if (responder != null) {
            responder.cancel();
        }
        if (running != null) {
            running.cancel(true);
        }
    }

    /** Whether someone cancelled: whatever the interruption then broke is not a failure to explain. */
    synchronized boolean cancelRequested() {
        return cancelRequested;
    }

    private synchronized void name(String name, NameState state, String detail) {
        if (!phase.finished()) {
            names.put(name, new NameProgress(name, state, Optional.ofNullable(detail)));
        }
    }

    /** A finished run stays as it ended, whatever a straggling thread reports. */
    private void move(OrderProgress.Phase next) {
        if (!phase.finished()) {
            phase = next;
        }
    }
}
