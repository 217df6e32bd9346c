#!/usr/bin/python3
"""Shows ad-hoc command replies in Gajim's own command window and reports what a user sees.

Gajim's code does all the work, as it does for a user: nbxmpp builds the request IQ that Gajim sends
and parses the server's reply (nbxmpp.modules.adhoc), and Gajim's AdHocCommands window
(gajim.gtk.adhoc) shows the stage or the completed page with its DataFormWidget
(gajim.gtk.dataform). The only stand-in is the connection: the window's client is an object that
hands each request IQ to the caller instead of a server, and the caller answers with the reply.

Run under an X server (xvfb-run -a /usr/bin/python3 gajim_adhoc_render.py). It answers <ready/>
with Gajim's version once Gajim is loaded, then one XML request a line on stdin, one XML answer a
line on stdout (line breaks in texts as &#10;):

  <start jid="example.org" node="..." name="..."/>
      starts the command as Gajim's Execute button does; answers <started><sent>the IQ</sent></started>
  <show png="path.png" press="next"><reply>the server's IQ</reply><fill var="v"><value>..</value></fill></show>
      shows the server's reply, draws the window into png (and the whole form into path-form.png),
      answers <rendered> with what is on screen: title, instructions, notes, each field (label,
      widget, required marker, options, value), fields left out, scroll bars and buttons. Then it
      types the fill values into the widgets and clicks the button "press" (prev, next, complete),
      and adds the IQ Gajim sent as <sent>.
A request that fails answers <failed><error>traceback</error></failed>.
"""

import os
import sys
import tempfile
import time
import traceback
import xml.etree.ElementTree as ET

# Gajim and GTK print to stdout now and then; the answers need it to themselves.
ANSWERS = os.fdopen(os.dup(sys.stdout.fileno()), 'w', encoding='utf-8')
os.dup2(sys.stderr.fileno(), sys.stdout.fileno())

import gi  # noqa: E402

gi.require_version('Gtk', '3.0')
gi.require_version('GtkSource', '4')
import cairo  # noqa: E402
import nbxmpp  # noqa: E402
from gi.repository import GLib  # noqa: E402
from gi.repository import Gtk  # noqa: E402
from nbxmpp.const import AdHocAction  # noqa: E402
from nbxmpp.modules.adhoc import AdHoc  # noqa: E402
from nbxmpp.protocol import Iq  # noqa: E402
from nbxmpp.protocol import JID  # noqa: E402
from nbxmpp.simplexml import XML2Node  # noqa: E402
from nbxmpp.structs import AdHocCommand  # noqa: E402

import gajim  # noqa: E402
from gajim.common import app  # noqa: E402
from gajim.common import configpaths  # noqa: E402

ACCOUNT = 'admin'
# Gajim's configuration folders for this run only, removed when the script ends.
CONFIG = tempfile.TemporaryDirectory(prefix='gajim-render-')


def init_gajim():
    """What Gajim's start-up sets up that the command window reads: settings (in memory) and styles."""
    configpaths.set_config_root(CONFIG.name)
    configpaths.init()
    configpaths.create_paths()
    from gajim.common.settings import Settings
    app.settings = Settings(in_memory=True)
    app.settings.init()
    app.load_css_config()


class Task:
    """What nbxmpp hands a callback: finish() gives the result or raises the error."""

    def __init__(self, result=None, error=None):
        self._result = result
        self._error = error

    def finish(self):
        if self._error is not None:
            raise self._error
        return self._result


class RelayedAdHoc:
    """nbxmpp's AdHoc module with the server on the other end of stdin/stdout.

    The requests and the parsing of replies are nbxmpp's own generator (AdHoc.execute_command),
    driven by hand instead of by a connection.
    """

    def __init__(self):
        self.sent = None
        self.failure = None
        self._pending = None

    def request_command_list(self, jid=None, callback=None):
        pass  # the caller starts the command by its node

    def execute_command(self, cmd, action=None, dataform=None, callback=None):
        request = AdHoc.execute_command.__wrapped__(None, cmd, action, dataform)
        next(request)
        self.sent = str(request.send(None))
        self._pending = (request, callback)

    def answer(self, reply):
        request, callback = self._pending
        self._pending = None
        try:
            task = Task(result=request.send(reply))
        except StopIteration:
            task = Task(result=None)
        except Exception as error:  # a malformed reply: Gajim shows its error page
            task = Task(error=error)
        self.failure = None
        if callback is not None:
            try:
                callback(task)
            except Exception:
                # Gajim logs what its callback raised and leaves the window as it was.
                self.failure = traceback.format_exc()


class Client:
    def __init__(self):
        self.adhoc = RelayedAdHoc()

    def get_module(self, name):
        assert name == 'AdHocCommands', name
        return self.adhoc


def pump(seconds=0.3):
    """Lets GTK lay out and draw, and Gajim's 200 ms validation timers fire."""
    deadline = time.monotonic() + seconds
    context = GLib.MainContext.default()
    while time.monotonic() < deadline:
        while context.pending():
            context.iteration(False)
        time.sleep(0.01)


def draw(widget, path):
    allocation = widget.get_allocation()
    surface = cairo.ImageSurface(cairo.FORMAT_ARGB32, max(allocation.width, 1), max(allocation.height, 1))
    context = cairo.Context(surface)
    context.set_source_rgb(1, 1, 1)
    context.paint()
    widget.draw(context)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    surface.write_to_png(path)


def widget_name(widget):
    if widget is None:
        return None
    if isinstance(widget, Gtk.ScrolledWindow):
        child = widget.get_child()
        if isinstance(child, Gtk.Viewport):
            child = child.get_child()
        return 'ScrolledWindow/' + type(child).__name__
    return type(widget).__name__


def text_width(widget, text):
    return widget.create_pango_layout(text).get_pixel_size()[0]


def visible_part(widget, text, room):
    """What a closed combo box of this width shows of an option: all of it, or its start and "…"."""
    if text_width(widget, text) <= room:
        return text
    shown = 0
    while shown < len(text) and text_width(widget, text[:shown + 1] + '…') <= room:
        shown += 1
    return text[:shown] + '…'


def flag(value):
    return 'true' if value else 'false'


def child(parent, tag, text=None, **attributes):
    element = ET.SubElement(parent, tag, {name.replace('_', '-'): value for name, value in attributes.items()
                                          if value is not None})
    if text is not None:
        element.text = text
    return element


def describe_field(parent, row):
    from gajim.gtk import dataform
    field = row._field
    widget = getattr(row, '_widget', None)
    shown = child(parent, 'field', var=field.var, type=field.type_, required=flag(field.required),
                  marker=flag(row._warning_image.get_mapped()))
    if row._label.get_tooltip_text():
        child(shown, 'tooltip', row._label.get_tooltip_text())
    if isinstance(row, dataform.FixedField):
        shown.set('widget', 'Label')
        shown.set('header', flag(row._label.get_style_context().has_class('field-fixed')))
        shown.set('selectable', flag(row._label.get_selectable()))
        child(shown, 'text', row._label.get_text())
        return
    shown.set('widget', widget_name(widget))
    if row._label.get_mapped():
        child(shown, 'label', row._label.get_text())
    if isinstance(widget, Gtk.ComboBoxText):
        # The closed combo box shows the chosen option in the width the form gives it, cut with "…".
        room = widget.get_allocation().width - 40
        for item in widget.get_model():
            child(shown, 'option', item[0], value=item[1], visible=visible_part(widget, item[0], room))
        if widget.get_active_text() is not None:
            shown.set('selected', widget.get_active_text())
    elif isinstance(widget, Gtk.CheckButton):
        shown.set('checked', flag(widget.get_active()))
    elif isinstance(widget, Gtk.Entry):
        shown.set('text-hidden', flag(not widget.get_visibility()))
        child(shown, 'value', widget.get_text())
    elif isinstance(widget, Gtk.Label):
        shown.set('selectable', flag(widget.get_selectable()))
        child(shown, 'value', widget.get_text())
    elif isinstance(row, dataform.TextMultiField):
        if isinstance(row._textview, Gtk.TextView):
            buffer = row._textview.get_buffer()
            child(shown, 'value', buffer.get_text(buffer.get_start_iter(), buffer.get_end_iter(), False))
        else:
            shown.set('selectable', flag(row._textview.get_selectable()))
            child(shown, 'value', row._textview.get_text())


def describe(window, page_name):
    from gajim.gtk import dataform
    page = window.get_page(page_name)
    shown = ET.Element('rendered', page=page_name)
    for label in page.get_children():
        if isinstance(label, Gtk.Label) and label.get_mapped():
            child(shown, 'note', label.get_text())
    form_widget = getattr(page, '_dataform_widget', None)
    if form_widget is not None and form_widget.get_parent() is page:
        grid = form_widget._form_grid
        for row in grid.rows:
            if isinstance(row, dataform.Title) and row._label.get_mapped():
                child(shown, 'title', row._label.get_text())
            elif isinstance(row, dataform.Instructions) and row._label.get_mapped():
                child(shown, 'instructions', row._label.get_text())
            elif isinstance(row, dataform.Field):
                describe_field(shown, row)
        rendered = {id(row._field) for row in grid.rows if isinstance(row, dataform.Field)}
        for field in form_widget.get_form().iter_fields():
            if id(field) not in rendered:
                child(shown, 'not-shown', var=field.var, type=field.type_)
        vertical = form_widget.get_vadjustment()
        horizontal = form_widget.get_hadjustment()
        child(shown, 'scroll', vertical=flag(vertical.get_upper() > vertical.get_page_size() + 1),
              horizontal=flag(horizontal.get_upper() > horizontal.get_page_size() + 1))
    for name, (button, _complete) in window._buttons.items():
        if button.get_mapped():
            child(shown, 'button', name=name, label=button.get_label(), sensitive=flag(button.get_sensitive()),
                  default=flag(button.has_default()))
    return shown


def fill(window, values):
    from gajim.gtk import dataform
    form_widget = window.get_page('stage')._dataform_widget
    rows = {row._field.var: row for row in form_widget._form_grid.rows
            if isinstance(row, dataform.Field) and not isinstance(row, dataform.FixedField)}
    for var, value in values.items():
        if var not in rows:
            raise ValueError('no field to type into: %s' % var)
        row = rows[var]
        widget = row._widget
        if isinstance(widget, Gtk.ComboBoxText):
            if not widget.set_active_id(value[0]):
                raise ValueError('%s offers no option %s' % (var, value[0]))
        elif isinstance(widget, Gtk.CheckButton):
            widget.set_active(value[0] in ('1', 'true'))
        elif isinstance(widget, Gtk.Entry):
            widget.set_text(value[0])
        elif isinstance(row, dataform.TextMultiField):
            row._textview.get_buffer().set_text('\n'.join(value))
        else:
            raise ValueError('cannot type into %s (%s)' % (var, type(widget).__name__))
    pump(0.4)


def press(window, name):
    button, _complete = window._buttons[name]
    if not (button.get_mapped() and button.get_sensitive()):
        raise ValueError('the button %s cannot be clicked' % name)
    button.clicked()


def answer(element):
    # One answer a line: line breaks inside texts travel as character references.
    line = ET.tostring(element, encoding='unicode').replace('\n', '&#10;').replace('\r', '&#13;')
    ANSWERS.write(line + '\n')
    ANSWERS.flush()


def main():
    init_gajim()
    client = Client()
    app.connections[ACCOUNT] = client
    from gajim.gtk.adhoc import AdHocCommands
    answer(ET.Element('ready', gajim=gajim.__version__, nbxmpp=nbxmpp.__version__))
    window = None
    for line in sys.stdin:
        if not line.strip():
            continue
        request = ET.fromstring(line)
        try:
            if request.tag == 'start':
                if window is not None:
                    window.destroy()
                window = AdHocCommands(ACCOUNT, request.get('jid'))
                window.show_all()
                command = AdHocCommand(jid=JID.from_string(request.get('jid')), node=request.get('node'),
                                       name=request.get('name'))
                client.adhoc.execute_command(command, action=AdHocAction.EXECUTE, callback=window._received_stage)
                window.show_page('executing')
                shown = ET.Element('started')
                child(shown, 'sent', client.adhoc.sent)
            else:
                client.adhoc.answer(Iq(node=XML2Node(request.findtext('reply'))))
                pump()
                page_name = window.get_current_page()
                shown = describe(window, page_name)
                if client.adhoc.failure is not None:
                    child(shown, 'gajim-failure', client.adhoc.failure)
                png = request.get('png')
                draw(window, png)
                form_widget = getattr(window.get_page(page_name), '_dataform_widget', None)
                if form_widget is not None and form_widget.get_parent() is not None:
                    draw(form_widget._form_grid, png[:-len('.png')] + '-form.png')
                values = {}
                for field in request.findall('fill'):
                    values[field.get('var')] = [value.text or '' for value in field.findall('value')]
                if values:
                    fill(window, values)
                if request.get('press'):
                    client.adhoc.sent = None
                    press(window, request.get('press'))
                    child(shown, 'sent', client.adhoc.sent)
        except Exception:
            shown = ET.Element('failed')
            child(shown, 'error', traceback.format_exc())
        answer(shown)


if __name__ == '__main__':
    main()
