import BackstopCore
import BackstopEngine

extension RiskEventLog {
    /// The entries of one command's events, in event order: a liquidation's start and steps (each
    /// with the book fills of its order), fund and vault takeovers, deleveraging rounds and bad debt.
    static func entries(from events: [Event], at time: Timestamp) -> [Entry] {
        var entries: [Entry] = []
        var stepByOrder: [OrderID: Int] = [:]
        for event in events {
            switch event {
            case .liquidationStarted(let started):
                entries.append(
                    Entry(
                        time: time, kind: .liquidationStarted, account: started.account, symbol: started.symbol,
                        amount: started.equity,
                        note: "\(started.marginMode.rawValue): equity \(started.equity) below maintenance margin \(started.maintenanceMargin)"))
            case .liquidationStep(let step):
                stepByOrder[step.orderId] = entries.count
                entries.append(
                    Entry(
                        time: time, kind: .liquidationStep, account: step.account, symbol: step.symbol,
                        side: PositionSide(signed: step.position), quantity: step.quantity, price: step.bankruptcyPrice,
                        markPrice: step.markPrice,
                        note: "order \(step.orderId) closes \(step.quantity) of \(step.position) (\(step.partialMode.rawValue))"))
            case .trade(let trade) where trade.kind == .liquidation:
                guard let index = stepByOrder[trade.takerOrderId] else { continue }
                entries[index].absorbers.append(
                    Absorber(kind: .book, account: trade.makerAccount, quantity: trade.quantity, price: trade.price))
            case .fundTakeover(let takeover):
                entries.append(fundTakeover(takeover, at: time))
            case .deleveraged(let round):
                entries.append(deleveraged(round, at: time))
            case .badDebt(let debt):
                entries.append(badDebt(debt, at: time))
            case .vaultTakeover(let takeover):
                entries.append(contentsOf: vaultTakeover(takeover, at: time))
            default:
                continue
            }
        }
        return entries
    }

    private static func fundTakeover(_ takeover: FundTakeover, at time: Timestamp) -> Entry {
        Entry(
            time: time, kind: .fundTakeover, account: takeover.account, symbol: takeover.symbol,
            side: PositionSide(takeover.side), quantity: takeover.quantity, price: takeover.price,
            markPrice: takeover.markPrice, amount: takeover.immediateLoss,
            absorbers: [
                Absorber(
                    kind: .fund, pool: takeover.pool, quantity: takeover.quantity, price: takeover.price,
                    amount: takeover.immediateLoss)
            ],
            note: "fund '\(takeover.pool)' took \(takeover.quantity) at \(takeover.price), losing \(takeover.immediateLoss) against the mark")
    }

    private static func deleveraged(_ round: DeleveragingRound, at time: Timestamp) -> Entry {
        var absorbers = round.counterparties.map { counterparty in
            Absorber(
                kind: .counterparty, account: counterparty.account, quantity: counterparty.closed, price: counterparty.price,
                amount: counterparty.haircut)
        }
        if !round.uncovered.isZero {
            absorbers.append(Absorber(kind: .uncovered, amount: round.uncovered))
        }
        let request = round.request
        return Entry(
            time: time, kind: .deleveraged, account: request.account, symbol: request.symbol,
            side: PositionSide(request.positionSide), quantity: request.quantity, price: round.executionPrice,
            markPrice: round.markPrice, policy: round.policy, amount: request.shortfall, absorbers: absorbers,
            note: "request \(request.id): \(round.counterparties.count) of \(round.candidatesConsidered) candidates closed \(round.totalClosed), haircuts \(round.totalHaircut)")
    }

    private static func badDebt(_ debt: BadDebt, at time: Timestamp) -> Entry {
        var absorbers: [Absorber] = []
        if let pool = debt.pool, !debt.coveredByFund.isZero {
            absorbers.append(Absorber(kind: .fund, pool: pool, amount: debt.coveredByFund))
        }
        if !debt.uncovered.isZero {
            absorbers.append(Absorber(kind: .uncovered, amount: debt.uncovered))
        }
        return Entry(
            time: time, kind: .badDebt, account: debt.account, symbol: debt.symbol, amount: debt.amount,
            absorbers: absorbers, note: "fund paid \(debt.coveredByFund), uncovered \(debt.uncovered)")
    }

    private static func vaultTakeover(_ takeover: VaultTakeover, at time: Timestamp) -> [Entry] {
        takeover.positions.enumerated().map { index, position in
            Entry(
                time: time, kind: .vaultTakeover, account: takeover.account, symbol: position.symbol,
                side: PositionSide(signed: position.quantity), quantity: position.quantity.magnitude, price: position.price,
                markPrice: position.price, amount: index == 0 ? takeover.marginTransferred : nil,
                absorbers: [
                    Absorber(kind: .vault, account: takeover.vault, quantity: position.quantity.magnitude, price: position.price)
                ],
                note: "vault \(takeover.vault) took \(position.quantity) \(takeover.marginMode.rawValue)"
                    + (index == 0 ? " with margin \(takeover.marginTransferred)" : ""))
        }
    }
}
