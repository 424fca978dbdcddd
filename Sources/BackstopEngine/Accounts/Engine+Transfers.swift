import BackstopCore

extension Engine {
    /// Credits an account, creating it on first deposit.
    mutating func deposit(_ deposit: Deposit, into events: inout [Event]) throws(Rejection) {
        try checkTransferAmount(deposit.amount)
        guard totalDeposits.addingReportingOverflow(deposit.amount) != nil else {
            throw Rejection(.invalidAmount, "the venue's total deposits would overflow")
        }
        let index: Int
        if let existing = accountIndexByID[deposit.account] {
            index = existing
        } else {
            index = accounts.count
            accounts.append(Account(id: deposit.account))
            accountIndexByID.insert(deposit.account, index: index)
        }
        accounts[index].cash += deposit.amount
        totalDeposits += deposit.amount
        riskWork.touch(index)
        events.append(.deposited(BalanceMoved(
            account: deposit.account, amount: deposit.amount, walletBalance: accounts[index].walletBalance)))
        if let pool = poolIndex(account: index) {
            recordFundChange(pool: pool, .deposit, amount: deposit.amount, account: deposit.account, into: &events)
        }
    }

    /// Debits an account by at most what it may withdraw.
    mutating func withdraw(_ withdrawal: Withdraw, into events: inout [Event]) throws(Rejection) {
        try checkTransferAmount(withdrawal.amount)
        let index = try accountIndex(withdrawal.account)
        let allowed = withdrawableBalance(of: accounts[index])
        guard withdrawal.amount <= allowed else {
            throw Rejection(.insufficientBalance, "withdrawal of \(withdrawal.amount) exceeds the \(allowed) available")
        }
        accounts[index].cash -= withdrawal.amount
        totalWithdrawals += withdrawal.amount
        riskWork.touch(index)
        events.append(.withdrawn(BalanceMoved(
            account: withdrawal.account, amount: withdrawal.amount, walletBalance: accounts[index].walletBalance)))
        if let pool = poolIndex(account: index) {
            recordFundChange(pool: pool, .withdrawal, amount: -withdrawal.amount, account: withdrawal.account,
                             into: &events)
        }
    }

    private func checkTransferAmount(_ amount: Money) throws(Rejection) {
        guard amount.isPositive, amount <= Engine.maxTransfer else {
            throw Rejection(.invalidAmount, "amount must be positive and at most \(Engine.maxTransfer)")
        }
    }
}
