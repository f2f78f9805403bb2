;;; chronolint.el --- chronolint in Flymake and Eglot  -*- lexical-binding: t; -*-

;; Two ways to see chronolint's findings in Emacs (26.1 or later); use one:
;;
;; 1. A Flymake backend over the text output, checking the buffer as you type
;;    (its unsaved text goes to chronolint on standard input, which reads the
;;    .chronolint.ini found upward from the file's directory, but not its
;;    per-path [GLOB] sections, which standard input never matches; Eglot
;;    applies those):
;;
;;      (add-to-list 'load-path "/path/to/chronolint/editors/emacs")
;;      (require 'chronolint)
;;      (add-hook 'markdown-mode-hook #'chronolint-flymake-setup)
;;      (add-hook 'text-mode-hook #'chronolint-flymake-setup)
;;
;; 2. The language server (`chronolint lsp') through Eglot (built in from
;;    Emacs 29; Debian 12 package elpa-eglot for Emacs 28), which also offers
;;    the fixes as code actions (M-x eglot-code-actions) and hover text:
;;
;;      (require 'chronolint)
;;      (add-hook 'markdown-mode-hook #'eglot-ensure)
;;
;;    Loading this file registers `chronolint lsp' for markdown-mode,
;;    gfm-mode and text-mode in `eglot-server-programs'.

;;; Code:

(require 'cl-lib)
(require 'flymake)

(defgroup chronolint nil
  "The chronolint historical fact checker."
  :group 'tools
  :prefix "chronolint-")

(defcustom chronolint-command '("chronolint")
  "The chronolint program and the options every run gets.
For example (\"chronolint\" \"--kind\" \"manuscript\")."
  :type '(repeat string))

(defconst chronolint--finding-regexp
  "^.*?:\\([0-9]+\\):\\([0-9]+\\): \\(error\\|warning\\|info\\): \\(.*\\)$"
  "A finding of the text output for standard input (named - or the buffer's file).
Groups: line, column, severity, message.")

(defvar-local chronolint--process nil
  "The chronolint process checking this buffer, if any.")

(defun chronolint--severity-type (severity)
  "The Flymake type of chronolint's SEVERITY string."
  (pcase severity
    ("error" :error)
    ("warning" :warning)
    (_ :note)))

(defun chronolint--parse (output source)
  "The Flymake diagnostics for SOURCE read from chronolint's OUTPUT buffer."
  (let (diagnostics)
    (with-current-buffer output
      (goto-char (point-min))
      (while (re-search-forward chronolint--finding-regexp nil t)
        (let* ((line (string-to-number (match-string 1)))
               (column (string-to-number (match-string 2)))
               (type (chronolint--severity-type (match-string 3)))
               (message (match-string 4))
               ;; chronolint's columns count characters from 1, as Emacs does.
               (region (flymake-diag-region source line column)))
          (when region
            (push (flymake-make-diagnostic source (car region) (cdr region) type message)
                  diagnostics)))))
    (nreverse diagnostics)))

(defun chronolint-flymake (report-fn &rest _args)
  "Flymake backend: check the current buffer with chronolint and call REPORT-FN."
  (unless (executable-find (car chronolint-command))
    (error "Cannot find %s" (car chronolint-command)))
  (let ((previous chronolint--process))
    ;; forgotten first, so that its sentinel reports nothing
    (setq chronolint--process nil)
    (when (process-live-p previous)
      (delete-process previous)))
  (let* ((source (current-buffer))
         (default-directory (if buffer-file-name
                                (file-name-directory buffer-file-name)
                              default-directory))
         (process
          (make-process
           :name "chronolint"
           :buffer (generate-new-buffer " *chronolint output*")
           ;; the buffer's file name lets its configuration's [GLOB] sections apply
           :command (append chronolint-command '("--color" "never")
                            (when buffer-file-name
                              (list "--stdin-filename" (file-name-nondirectory buffer-file-name)))
                            '("-"))
           :coding 'utf-8-unix
           :connection-type 'pipe
           :noquery t
           :sentinel
           (lambda (proc _event)
             (unless (process-live-p proc)
               (let ((output (process-buffer proc)))
                 (unwind-protect
                     (when (and (buffer-live-p source)
                                (eq proc (buffer-local-value 'chronolint--process source)))
                       (let ((diagnostics (chronolint--parse output source))
                             (status (process-exit-status proc)))
                         ;; 0 and 1 are a finished check; 2 may still come with
                         ;; findings (invalid UTF-8), else it is a usage error.
                         (if (or diagnostics (memq status '(0 1)))
                             (funcall report-fn diagnostics)
                           (funcall report-fn :panic
                                    :explanation
                                    (format "chronolint exited with %d: %s" status
                                            (string-trim (with-current-buffer output
                                                           (buffer-string))))))))
                   (kill-buffer output))))))))
    (setq chronolint--process process)
    (save-restriction
      (widen)
      (process-send-region process (point-min) (point-max)))
    (process-send-eof process)))

;;;###autoload
(defun chronolint-flymake-setup ()
  "Check this buffer with chronolint through Flymake."
  (add-hook 'flymake-diagnostic-functions #'chronolint-flymake nil t)
  (flymake-mode 1))

(defun chronolint--eglot-contact (&rest _)
  "The command Eglot starts for chronolint's language server."
  (append chronolint-command '("lsp")))

(with-eval-after-load 'eglot
  (defvar eglot-server-programs)
  (add-to-list 'eglot-server-programs
               '((markdown-mode gfm-mode text-mode) . chronolint--eglot-contact)))

(provide 'chronolint)
;;; chronolint.el ends here
