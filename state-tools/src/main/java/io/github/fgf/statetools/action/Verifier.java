package io.github.fgf.statetools.action;

import io.github.fgf.statetools.StateToolsException;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.model.VerifyReport;
import io.github.fgf.statetools.model.VerifyReport.Problem;
import io.github.fgf.statetools.read.LoadedSnapshot;
import io.github.fgf.statetools.read.OperatorNames;
import io.github.fgf.statetools.read.ReferencedFile;
import io.github.fgf.statetools.read.SnapshotReader;
import io.github.fgf.statetools.read.StateHandles;
import io.github.fgf.statetools.store.BlobEndpoint;
import io.github.fgf.statetools.store.SnapshotStore;
import io.github.fgf.statetools.store.StoredFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that a snapshot is restorable: {@code _metadata} loads and every file it references
 * exists with the size it records. With a base, a file missing at its recorded location is looked
 * for at the same path under the base (a checkpoint read from a geo-secondary copy, say).
 */
public final class Verifier {

    private final SnapshotReader reader;
    private final OperatorNames names;

    private final java.util.function.Function<SnapshotUri, SnapshotStore> otherStores;

    public Verifier(SnapshotReader reader, OperatorNames names) {
        this(reader, names, SnapshotStore::forUri);
    }

    /** @param otherStores the store for a file recorded in another account or container (tests pass fakes) */
    public Verifier(SnapshotReader reader, OperatorNames names, java.util.function.Function<SnapshotUri, SnapshotStore> otherStores) {
        this.reader = reader;
        this.names = names;
        this.otherStores = otherStores;
    }

    public VerifyReport verify(SnapshotUri path, Optional<SnapshotUri> base) {
        LoadedSnapshot s;
        try {
            s = reader.load(path);
        } catch (StateToolsException e) {
            if (e.reason() != StateToolsException.Reason.PROBLEM) throw e;
            return new VerifyReport(path.toString(), false, 0,
                    List.of(new Problem("metadata", path.child(SnapshotReader.METADATA).toString(), e.getMessage())));
        }
        return verify(s, base);
    }

    /** As {@link #verify(SnapshotUri, Optional)}, for a snapshot already loaded (its {@code _metadata} is not read again). */
    public VerifyReport verify(LoadedSnapshot s, Optional<SnapshotUri> base) {
        Map<String, ReferencedFile> unique = new LinkedHashMap<>();
        for (ReferencedFile f : StateHandles.files(s.dir(), s.metadata(), names::name)) unique.putIfAbsent(f.uri(), f);
        List<Problem> problems = new ArrayList<>();
        Map<String, SnapshotStore> otherAccounts = new LinkedHashMap<>();
        for (ReferencedFile f : unique.values()) {
            SnapshotUri at = s.dir().sibling(f.uri());
            Optional<StoredFile> found;
            if (sameAccount(at, s.dir())) {
                found = reader.store().stat(at);
            } else {
                // Flink reads a file recorded in another account (or container) from there, not from this copy: check it
                // there, with that account's own credentials (the SAS of this location is not for it).
                at = new SnapshotUri(at.scheme(), at.container(), at.account(), at.path(), null);
                try {
                    SnapshotUri where = at;
                    found = otherAccounts.computeIfAbsent(at.scheme() + "|" + at.container() + "@" + at.account(),
                            k -> otherStores.apply(where)).stat(at);
                } catch (RuntimeException e) {
                    if (base.isEmpty()) {
                        problems.add(new Problem("unreachable", at.toString(), "referenced by " + f.operator() + " in account "
                                + at.account() + ", where a restore reads it: " + SnapshotUri.redact(String.valueOf(e.getMessage()))));
                        continue;
                    }
                    found = Optional.empty();
                }
            }
            if (found.isEmpty() && base.isPresent()) {
                at = relocate(at, base.get());
                found = reader.store().stat(at);
            }
            if (found.isEmpty()) {
                problems.add(new Problem("missing", at.toString(), "referenced by " + f.operator() + ", expected "
                        + f.expectedSize() + " bytes"));
            } else if (found.get().size() != f.expectedSize()) {
                problems.add(new Problem("truncated", at.toString(), "has " + found.get().size() + " bytes, expected "
                        + f.expectedSize() + " (referenced by " + f.operator() + ")"));
            }
        }
        return new VerifyReport(s.dir().toString(), problems.isEmpty(), unique.size(), problems);
    }

    /** Same store: both local files, or the same container of the same account (a geo-secondary host is its own copy). */
    static boolean sameAccount(SnapshotUri a, SnapshotUri b) {
        if (a.scheme().equals("file") || b.scheme().equals("file")) return a.scheme().equals(b.scheme());
        return a.container().equals(b.container())
                && BlobEndpoint.of(a.account()).host().equals(BlobEndpoint.of(b.account()).host());
    }

    /** The file's path under the base's container and account. */
    static SnapshotUri relocate(SnapshotUri file, SnapshotUri base) {
        String root = base.path().endsWith("/") ? base.path().substring(0, base.path().length() - 1) : base.path();
        return new SnapshotUri(base.scheme(), base.container(), base.account(), root + file.path(), base.query());
    }
}
