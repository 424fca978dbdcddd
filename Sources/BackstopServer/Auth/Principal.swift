import BackstopEngine

/// Who a verified request acts for.
public enum Principal: Hashable, Sendable {
    /// The venue's operator: the admin API, and nothing of any trader's.
    case admin
    /// A trader: one account, and nothing else.
    case trader(AccountID)
}
