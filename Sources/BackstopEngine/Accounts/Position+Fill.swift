import BackstopCore

/// How a fill changed a position's money.
struct FillSettlement {
    /// The profit or loss realized by the closing part, before fees (for reports; the money moved with
    /// the fill's value).
    var realizedPnL: Money
    /// The change to the account's cross balance.
    var crossCashChange: Money
}

extension Position {
    /// Books a fill of `quantity` on `side` worth exactly `value`, paying `fee`.
    ///
    /// The fill's value moves through the margin bucket (cross balance or isolated balance). A closing
    /// part releases its share of the cost; an isolated position then returns its freed margin to the
    /// cross balance, and an opening part draws its initial margin from it. A position being liquidated
    /// (`releasesMargin` false) keeps all its margin until it is flat: its bankruptcy price was
    /// computed with that margin behind it.
    mutating func applyFill(
        side: Side, quantity: Quantity, value: Money, fee: Money, releasesMargin: Bool = true
    ) -> FillSettlement {
        let closing = min(quantity, reducible(by: side))
        let opening = quantity - closing
        let closingValue = closing == quantity ? value : value.fraction(closing.raw, of: quantity.raw, rounding: .halfEven)
        let openingValue = value - closingValue
        let sizeBefore = self.quantity.magnitude
        let isolatedWalletBefore = isolatedCash + cost

        var bucketChange = -fee
        var realized = Money.zero
        if closing.isPositive {
            let releasedCost = closing == sizeBefore
                ? cost
                : cost.fraction(closing.raw, of: sizeBefore.raw, rounding: .towardZero)
            let closingCashFlow = side == .buy ? -closingValue : closingValue
            realized = closingCashFlow - releasedCost
            cost -= releasedCost
            bucketChange += closingCashFlow
            self.quantity += side == .buy ? closing : -closing
        }
        if opening.isPositive {
            cost += side == .buy ? openingValue : -openingValue
            bucketChange += side == .buy ? -openingValue : openingValue
            self.quantity += side == .buy ? opening : -opening
        }

        guard marginMode == .isolated else {
            return FillSettlement(realizedPnL: realized, crossCashChange: bucketChange)
        }
        isolatedCash += bucketChange
        var crossChange = Money.zero
        if closing.isPositive, releasesMargin || self.quantity.isZero {
            let remainingSize = sizeBefore - closing
            let keep = isolatedWalletBefore.fraction(remainingSize.raw, of: sizeBefore.raw, rounding: .up)
            let release = max(isolatedCash + cost - keep, .zero)
            isolatedCash -= release
            crossChange += release
        }
        if opening.isPositive {
            let margin = MarginMath.initialMargin(notional: openingValue, leverage: leverage)
            isolatedCash += margin
            crossChange -= margin
        }
        return FillSettlement(realizedPnL: realized, crossCashChange: crossChange)
    }
}
