// Equality of the engine's payload-free enums, written as a switch.
//
// The derived `==` of such an enum compares case tags through two stack slots, and the optimizer
// treats that as a barrier: copies of books, positions and specs that the engine reads in place
// around a comparison (`side == .buy`, `marginMode == .cross`) are then kept, each a retain and a
// release per reference they hold. A switch compiles to a plain comparison.

extension Side {
    /// Whether two sides are the same case.
    @inlinable public static func == (lhs: Side, rhs: Side) -> Bool {
        switch (lhs, rhs) {
        case (.buy, .buy), (.sell, .sell): true
        default: false
        }
    }
}

extension OrderType {
    /// Whether two order types are the same case.
    @inlinable public static func == (lhs: OrderType, rhs: OrderType) -> Bool {
        switch (lhs, rhs) {
        case (.limit, .limit), (.market, .market): true
        default: false
        }
    }
}

extension TimeInForce {
    /// Whether two times in force are the same case.
    @inlinable public static func == (lhs: TimeInForce, rhs: TimeInForce) -> Bool {
        switch (lhs, rhs) {
        case (.gtc, .gtc), (.ioc, .ioc), (.fok, .fok), (.postOnly, .postOnly): true
        default: false
        }
    }
}

extension SelfTradePrevention {
    /// Whether two self-trade rules are the same case.
    @inlinable public static func == (lhs: SelfTradePrevention, rhs: SelfTradePrevention) -> Bool {
        switch (lhs, rhs) {
        case (.none, .none), (.expireTaker, .expireTaker), (.expireMaker, .expireMaker), (.expireBoth, .expireBoth): true
        default: false
        }
    }
}

extension MarginMode {
    /// Whether two margin modes are the same case.
    @inlinable public static func == (lhs: MarginMode, rhs: MarginMode) -> Bool {
        switch (lhs, rhs) {
        case (.cross, .cross), (.isolated, .isolated): true
        default: false
        }
    }
}

extension AccountRole {
    /// Whether two account roles are the same case.
    @inlinable public static func == (lhs: AccountRole, rhs: AccountRole) -> Bool {
        switch (lhs, rhs) {
        case (.trader, .trader), (.insuranceFund, .insuranceFund): true
        default: false
        }
    }
}

extension TradeKind {
    /// Whether two trade kinds are the same case.
    @inlinable public static func == (lhs: TradeKind, rhs: TradeKind) -> Bool {
        switch (lhs, rhs) {
        case (.match, .match), (.liquidation, .liquidation), (.fundTakeover, .fundTakeover),
             (.vaultTakeover, .vaultTakeover), (.deleveraging, .deleveraging): true
        default: false
        }
    }
}

extension OrderCloseReason {
    /// Whether two close reasons are the same case.
    @inlinable public static func == (lhs: OrderCloseReason, rhs: OrderCloseReason) -> Bool {
        switch (lhs, rhs) {
        case (.filled, .filled), (.canceled, .canceled), (.immediateOrCancel, .immediateOrCancel),
             (.fillOrKill, .fillOrKill), (.selfTradePrevention, .selfTradePrevention), (.reduceOnly, .reduceOnly),
             (.liquidation, .liquidation), (.deleveraging, .deleveraging): true
        default: false
        }
    }
}
