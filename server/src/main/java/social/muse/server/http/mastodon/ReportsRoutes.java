package social.muse.server.http.mastodon;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.server.convert.ApiConverter;
import social.muse.server.db.AccountRow;
import social.muse.server.db.ReportDao.ReportRow;
import social.muse.server.http.IdText;
import social.muse.server.http.RequestParams;
import social.muse.server.http.Responses;
import social.muse.server.http.auth.Authenticator;
import social.muse.server.http.mastodon.model.ReportResponse;
import social.muse.server.processing.accounts.ProfileProcessor;
import social.muse.server.processing.social.Reports;

import java.util.Arrays;
import java.util.List;

/**
 * {@code POST /api/v1/reports}: {@code account_id}, {@code status_ids[]}, {@code comment}, {@code forward},
 * {@code category} and {@code rule_ids[]} (a report naming rules is a "violation"; Muse has no rules to name yet).
 */
public final class ReportsRoutes implements HttpService {
    private final Reports reports;
    private final ProfileProcessor profiles;
    private final Authenticator authenticator;
    private final ApiConverter converter;
    private final Responses responses;

    public ReportsRoutes(Reports reports, ProfileProcessor profiles, Authenticator authenticator, ApiConverter converter,
                         Responses responses) {
        this.reports = reports;
        this.profiles = profiles;
        this.authenticator = authenticator;
        this.converter = converter;
        this.responses = responses;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/v1/reports", this::report);
    }

    private void report(ServerRequest req, ServerResponse res) {
        AccountRow me = authenticator.requireMember(req, "write:reports").requireMember().account();
        RequestParams params = RequestParams.read(req, responses.mapper(), 0);
        AccountRow target = params.string("account_id").flatMap(IdText::parse).flatMap(profiles::byId)
                .filter(a -> a.deletedAt() == null)
                .orElseThrow(MastodonException::notFound);
        List<Long> statusIds = params.strings("status_ids").stream().filter(s -> !s.isBlank())
                .map(s -> IdText.parse(s).orElseThrow(MastodonException::notFound)).distinct().toList();
        String category = params.string("category").filter(c -> !c.isBlank())
                .orElse(params.strings("rule_ids").isEmpty() ? "other" : "violation");
        ReportRow row = reports.report(me, target, new Reports.Draft(statusIds, params.string("comment").orElse(""),
                category, params.bool("forward").orElse(false)));
        responses.json(res, new ReportResponse(Long.toString(row.id()), false, null, row.category(), row.comment(),
                row.forwarded(), ApiConverter.timestamp(row.createdAt()),
                Arrays.stream(row.statusIds()).map(String::valueOf).toList(), List.of(), converter.account(target)));
    }
}
