package io.parley.system.change;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.parley.session.CustomerPage;
import io.parley.session.EndpointRef;
import io.parley.session.Refusal;
import io.parley.session.Request;

/** The event log's view of a {@link Request} (a refused one's line, a change's cause): wire names and values. */
final class RequestData {

    private RequestData() {
    }

    static Map<String, Object> of(Request request) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("request", name(request));
        switch (request) {
            case Request.Start start -> {
                putIfPresent(data, "subject", start.subject());
                putIfPresent(data, "with", start.with(), EndpointRef::toString);
                putIfPresent(data, "page", start.page(), CustomerPage::url);
            }
            case Request.Join join -> {
            }
            case Request.Supervise supervise -> data.put("mode", supervise.mode().wire());
            case Request.TakeOver takeOver -> {
            }
            case Request.Pick pick -> {
            }
            case Request.Invite invite -> data.put("target", invite.target().toString());
            case Request.InviteForSubject invite -> data.put("subject", invite.subject());
            case Request.Conference conference -> {
                putIfPresent(data, "to", conference.to(), EndpointRef::toString);
                putIfPresent(data, "subject", conference.subject());
            }
            case Request.Transfer transfer -> {
                putIfPresent(data, "to", transfer.to(), EndpointRef::toString);
                putIfPresent(data, "subject", transfer.subject());
                data.put("mode", transfer.mode().wire());
            }
            case Request.RemoveLeg remove -> data.put("legId", remove.legId());
            case Request.CancelHandover cancel -> {
            }
            case Request.End end -> {
            }
            case Request.AcceptOffer accept -> data.put("offerId", accept.offerId());
            case Request.DeclineOffer decline -> data.put("offerId", decline.offerId());
        }
        if (request.by().operator()) {
            data.put("operator", true);
        }
        return data;
    }

    static Map<String, Object> refusal(Request request, Refusal refusal) {
        Map<String, Object> data = of(request);
        data.put("code", refusal.code().wire());
        data.put("detail", refusal.detail());
        return data;
    }

    static String name(Request request) {
        return switch (request) {
            case Request.Start start -> "start";
            case Request.Join join -> "join";
            case Request.Supervise supervise -> "supervise";
            case Request.TakeOver takeOver -> "take-over";
            case Request.Pick pick -> "pick";
            case Request.Invite invite -> "invite";
            case Request.InviteForSubject invite -> "invite-for-subject";
            case Request.Conference conference -> "conference";
            case Request.Transfer transfer -> "transfer";
            case Request.RemoveLeg remove -> "remove-leg";
            case Request.CancelHandover cancel -> "cancel-handover";
            case Request.End end -> "end";
            case Request.AcceptOffer accept -> "accept-offer";
            case Request.DeclineOffer decline -> "decline-offer";
        };
    }

    private static void putIfPresent(Map<String, Object> data, String key, String value) {
        if (value != null) {
            data.put(key, value);
        }
    }

    private static <T> void putIfPresent(Map<String, Object> data, String key, T value, Function<T, String> text) {
        if (value != null) {
            data.put(key, text.apply(value));
        }
    }
}
